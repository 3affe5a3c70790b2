package io.hnsw4j;

/**
 * A user-supplied distance over two vectors of the index's dimension: smaller is closer. It must
 * be deterministic and thread-safe, and should be symmetric; the graph is built and searched with
 * it as with any built-in metric, only more slowly (no SIMD kernel).
 */
@FunctionalInterface
public interface DistanceFunction {
  /**
   * The distance between two vectors.
   *
   * @param a a vector (do not change it)
   * @param b a vector (do not change it)
   * @return the distance, never NaN
   */
  float distance(float[] a, float[] b);
}
