package io.hnsw4j.vector;

/**
 * Record codes of each vector minus a centroid that is fixed once ({@link CentredCodes}): what
 * {@link BitCodes} and {@link Int4Codes} share beyond their encoding and scoring.
 */
abstract class CentredRecordCodes extends RecordCodes implements CentredCodes {
  /** Components per vector. */
  final int dimension;
  /** Null until fixed; the origin if the first vector came before any batch. */
  private volatile float[] centroid;

  CentredRecordCodes(int dimension, int recordBytes, ChunkShape shape) {
    super(recordBytes, shape);
    this.dimension = dimension;
  }

  @Override
  public final synchronized boolean fixCentroid(float[] mean) {
    if (centroid != null) {
      return false;
    }
    if (mean.length != dimension) {
      throw new IllegalArgumentException("centroid of " + mean.length + " components for dimension " + dimension);
    }
    centroid = mean.clone();
    return true;
  }

  @Override
  public final boolean hasCentroid() {
    return centroid != null;
  }

  /** The centroid to encode a vector around: fixed as the origin if no batch came first. */
  final float[] centroidToEncode() {
    if (centroid == null) {
      fixCentroid(new float[dimension]); // a first vector before any batch: the origin
    }
    return centroid;
  }

  /** The centroid, or null while nothing is encoded (a scorer then has nothing to score). */
  final float[] fixedCentroid() {
    return centroid;
  }

  @Override
  public final float[] centroid() {
    float[] c = centroid;
    return c == null ? null : c.clone();
  }

  @Override
  public long memoryBytes() {
    return super.memoryBytes() + 16L + 4L * dimension; // and the centroid
  }
}
