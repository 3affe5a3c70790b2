package io.hnsw4j.vector;

/**
 * Distance from one fixed query to any stored node, smaller is closer. This is the graph's only
 * view of vectors: storage layout, metric and (later) quantization live behind it. A scorer is
 * used by one thread at a time.
 */
public interface NodeScorer {
  float score(int node);

  /**
   * Hints that these nodes are about to be scored. Java has no prefetch instruction; a heap
   * scorer touches one float per cache line of each vector with independent loads, so the cache
   * misses of a whole batch overlap instead of queueing one vector at a time.
   */
  default void prefetch(int[] nodes, int count) {}

  /**
   * Scores {@code count} nodes into {@code out}, as many calls of {@link #score} would: scorers of
   * long float vectors (on the heap or mapped) take them four at a time (see {@code
   * VectorOps.dot4}).
   */
  default void scoreAll(int[] nodes, int count, float[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = score(nodes[i]);
    }
  }
}
