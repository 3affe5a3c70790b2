package io.hnsw4j.graph;

import java.util.Arrays;

/**
 * Marks visited nodes for one search. Clearing is O(1): each search takes a new generation tag,
 * and a node is visited when its slot holds the current tag (hnswlib's visited list). Tags are 16
 * bits, so the array stays small enough for the CPU caches (340k nodes: 680 KB); it is wiped once
 * every 65,535 searches. Grows on demand, since the graph may grow while a search runs.
 */
public final class VisitedSet {
  private char[] tags;
  private char generation;

  public VisitedSet(int capacity) {
    tags = new char[Math.max(capacity, 16)];
  }

  /** Forgets every mark. */
  public void clear() {
    generation++;
    if (generation == 0) {
      // The tag wrapped: wipe once so that stale tags cannot match.
      Arrays.fill(tags, (char) 0);
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
    return 16L + 2L * tags.length;
  }
}
