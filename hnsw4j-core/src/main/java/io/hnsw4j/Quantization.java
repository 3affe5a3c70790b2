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
  INT8
}
