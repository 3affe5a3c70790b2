package io.hnsw4j.vector;

/**
 * Traversal codes of each vector minus a centroid ({@link BitCodes}, {@link Int4Codes}), which is
 * fixed once, before the first vector is encoded, and never changes after: a writer cannot encode
 * again the nodes that searches are reading. An index file stores the centroid beside the codes,
 * and an open fixes it before copying them.
 */
public interface CentredCodes {

  /**
   * Sets the centroid the codes are taken around, unless one is fixed already (the first call,
   * or the first vector encoded, wins; a vector before any call fixes the origin).
   *
   * @param mean the centroid, one component per dimension
   * @return whether it was set
   */
  boolean fixCentroid(float[] mean);

  /**
   * Whether the centroid is fixed (learned, or the origin once a vector was encoded).
   *
   * @return true once fixed
   */
  boolean hasCentroid();

  /**
   * The centroid the codes are taken around, as an index file stores it beside the codes.
   *
   * @return a copy of the fixed centroid, or null while none is fixed
   */
  float[] centroid();
}
