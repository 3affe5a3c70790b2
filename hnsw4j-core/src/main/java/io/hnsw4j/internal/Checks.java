package io.hnsw4j.internal;


/** Argument checks shared by the indexes; every message names the argument and the limit. */
public final class Checks {
  /** The exponent bits of a float, and one step of its exponent (see {@link #checkFinite}). */
  private static final int EXPONENT = 0x7f800000;
  private static final int EXPONENT_STEP = 0x00800000;

  private Checks() {}

  /**
   * Checks a vector (non-null, right dimension, finite) and returns the form the index stores:
   * normalised to unit length if {@code normalize} (cosine), a copy if {@code copy} or if it had
   * to change.
   */
  public static float[] prepare(
      float[] vector, int dimension, boolean normalize, String what, boolean copy) {
    if (vector == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (vector.length != dimension) {
      throw new IllegalArgumentException(
          what + " has dimension " + vector.length + ", but the index has dimension " + dimension);
    }
    checkFinite(vector, what);
    if (!normalize) {
      return copy ? vector.clone() : vector;
    }
    double squaredNorm = 0;
    for (float x : vector) {
      squaredNorm += (double) x * x;
    }
    if (squaredNorm == 0) {
      throw new IllegalArgumentException(what + " is all zeros; the cosine metric needs a non-zero vector");
    }
    float[] out = new float[dimension];
    double inverse = 1.0 / Math.sqrt(squaredNorm);
    for (int i = 0; i < dimension; i++) {
      out[i] = (float) (vector[i] * inverse);
    }
    return out;
  }

  /**
   * Throws, naming the first such component, if a component is NaN or infinite. The test is one
   * integer OR per component, which the JIT vectorises: a float is NaN or infinite exactly when
   * its exponent bits are all ones, and adding one exponent step then carries into the sign bit.
   * (Summing a norm alongside, as this did, was a serial chain of double additions that cost a
   * search on 128-d vectors 3-4% of its time at ef 10.)
   */
  static void checkFinite(float[] vector, String what) {
    int carried = 0;
    for (float x : vector) {
      carried |= (Float.floatToRawIntBits(x) & EXPONENT) + EXPONENT_STEP;
    }
    if (carried >= 0) {
      return;
    }
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new IllegalArgumentException(what + "[" + i + "] is " + vector[i] + "; components must be finite");
      }
    }
  }

  public static void checkK(int k) {
    if (k < 1 || k > Limits.MAX_EF) {
      throw new IllegalArgumentException("k must be in 1.." + Limits.MAX_EF + ", got " + k);
    }
  }

  public static void checkEf(int ef) {
    if (ef < 1 || ef > Limits.MAX_EF) {
      throw new IllegalArgumentException("ef must be in 1.." + Limits.MAX_EF + ", got " + ef);
    }
  }

  public static void checkThreads(int threads) {
    if (threads < 1 || threads > 4096) {
      throw new IllegalArgumentException("threads must be in 1..4096, got " + threads);
    }
  }

  /** Checks a bulk add's arrays and returns the prepared vectors. Duplicate ids are rejected. */
  public static float[][] prepareBatch(
      long[] ids, float[][] vectors, int dimension, boolean normalize) {
    if (ids == null || vectors == null) {
      throw new IllegalArgumentException("ids and vectors must not be null");
    }
    if (ids.length != vectors.length) {
      throw new IllegalArgumentException(
          "ids has " + ids.length + " entries but vectors has " + vectors.length);
    }
    float[][] prepared = new float[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      prepared[i] = prepare(vectors[i], dimension, normalize, "vectors[" + i + "]", true);
    }
    long[] sorted = ids.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) {
        throw new IllegalArgumentException("ids contains " + sorted[i] + " more than once");
      }
    }
    return prepared;
  }
}
