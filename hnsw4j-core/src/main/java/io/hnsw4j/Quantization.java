package io.hnsw4j;

/**
 * How searches traverse the graph. With a quantized mode, the index keeps a compact copy of each
 * vector beside the floats, walks the graph on the compact copies (fewer bytes per hop, so fewer
 * cache misses on a large index), and reranks the ef candidates it found with the float vectors,
 * so the results carry exact distances.
 */
public enum Quantization {
  /** Traverse on the float vectors. */
  NONE,
  /**
   * Traverse on one signed byte per component, scaled per vector: a quarter of the float bytes
   * plus 12 bytes per vector. Built-in metrics only.
   */
  INT8,
  /**
   * Traverse on one bit per component around a centroid, the queries quantized to 4 bits, in the
   * manner of RaBitQ: D / 8 bytes (rounded up to whole longs) plus 16 per vector (64 bytes at 384
   * dimensions, 1/24 of the floats), and a distance estimate coarser than int8's, so searches need
   * a larger ef for the same recall (up to twice the float index's on sentence embeddings). The
   * centroid is the mean of the first {@code addAll} batch; an index whose first vector comes
   * through {@code add} takes the origin instead (uncentred codes, somewhat lower recall). A file
   * stores the codes and the centroid, which an open reads back as they were (files written before
   * they were stored have their codes computed again around the mean of the stored vectors).
   * Built-in metrics only.
   */
  BINARY,
  /**
   * Traverse on 4 bits per component, two to a byte, scaled per vector: an eighth of the float
   * bytes plus 12 bytes per vector. The codes are of each vector minus a centroid: the mean of the
   * first {@code addAll} batch (the origin when the first vector comes through {@code add}); a
   * file stores the codes and the centroid, as {@link #BINARY}'s. A coarser
   * estimate than {@link #INT8}: level with the floats at equal ef on embeddings and images, but
   * on tight clusters far apart it needs a much larger ef (16 levels span a whole vector).
   * Built-in metrics only.
   */
  INT4
}
