package io.hnsw4j.graph;

import java.util.Arrays;

/**
 * Marks visited nodes for one search. Clearing is O(1): each search takes a new generation tag,
 * and a node is visited when its slot holds the current tag (hnswlib's visited list). Grows on
 * demand, since the graph may grow while a search runs.
 */
public final class VisitedSet {
  private int[] tags;
  private int generation;

  public VisitedSet(int capacity) {
    tags = new int[Math.max(capacity, 16)];
  }

  /** Forgets every mark. */
  public void clear() {
    generation++;
    if (generation == 0) {
      // Wrapped after 2^32 searches: wipe once so stale tags cannot match.
      Arrays.fill(tags, 0);
      generation = 1;
    }
  }

  /** Marks {@code node}; true if it was not marked before. */
  public boolean visit(int node) {
    if (node >= tags.length) {
      tags = Arrays.copyOf(tags, Math.max(node + 1, tags.length + (tags.length >> 1)));
    }
    if (tags[node] == generation) {
      return false;
    }
    tags[node] = generation;
    return true;
  }

  public boolean isVisited(int node) {
    return node < tags.length && tags[node] == generation;
  }

  public long memoryBytes() {
    return 16L + 4L * tags.length;
  }
}
