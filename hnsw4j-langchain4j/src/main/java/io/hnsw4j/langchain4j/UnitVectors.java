package io.hnsw4j.langchain4j;

/** Checks of embeddings and their scaling to unit length, where cosine becomes a dot product. */
final class UnitVectors {
  private UnitVectors() {}

  /** Refuses a vector of the wrong dimension, with a non-finite component, or all zeros. */
  static void check(float[] vector, int dimension, String what) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException(what + " has dimension " + vector.length + ", but the store holds vectors of dimension " + dimension);
    }
    boolean zero = true;
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new IllegalArgumentException(what + "[" + i + "] is " + vector[i] + "; components must be finite");
      }
      zero &= vector[i] == 0f;
    }
    if (zero) {
      throw new IllegalArgumentException(what + " is all zeros; cosine similarity needs a non-zero vector");
    }
  }

  /** The vector itself when its length is within {@code tolerance} of 1, else a normalised copy. */
  static float[] unit(float[] vector, double tolerance) {
    double squared = 0;
    for (float x : vector) {
      squared += (double) x * x;
    }
    double norm = Math.sqrt(squared);
    if (Math.abs(norm - 1) <= tolerance) {
      return vector;
    }
    float[] out = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      out[i] = (float) (vector[i] / norm);
    }
    return out;
  }
}
