package io.hnsw4j.graph;

/** Which nodes a search may return; the others are still traversed. */
@FunctionalInterface
public interface NodeFilter {
  boolean accept(int node);
}
