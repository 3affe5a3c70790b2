package io.hnsw4j.vector;

/**
 * Distance from one fixed query to any stored node, smaller is closer. This is the graph's only
 * view of vectors: storage layout, metric and (later) quantization live behind it. A scorer is
 * used by one thread at a time.
 */
public interface NodeScorer {
  float score(int node);
}
