package io.hnsw4j.graph;

import io.hnsw4j.vector.NodeScorer;

/**
 * The layered beam search of the paper: greedy descent through the upper layers (ef = 1), then
 * Algorithm 2 (SEARCH-LAYER) with beam width ef. Holds the per-search scratch (visited set,
 * heaps, neighbour buffer), so one instance serves one thread at a time and allocates nothing per
 * search.
 */
public final class GraphSearcher {
  private final VisitedSet visited;
  private final NodeHeap candidates = NodeHeap.minHeap(256);
  private final NodeHeap results = NodeHeap.maxHeap(256);
  private int[] neighbors;
  private long distanceCount;

  public GraphSearcher(int expectedNodes, int maxDegree) {
    visited = new VisitedSet(expectedNodes);
    neighbors = new int[maxDegree];
  }

  /** Distance computations since the last {@link #resetDistanceCount()}. */
  public long distanceCount() {
    return distanceCount;
  }

  public void resetDistanceCount() {
    distanceCount = 0;
  }

  /**
   * k-NN search: descends from the entry point to layer 0, then searches it with beam width
   * {@code ef}. Returns the results heap (at most ef accepted nodes, farthest on top), which stays
   * valid until the next call.
   */
  public NodeHeap search(GraphView graph, NodeScorer scorer, int ef, NodeFilter filter) {
    results.clear();
    int entry = graph.entryPoint();
    if (entry < 0) {
      return results;
    }
    int top = graph.maxLevel();
    float entryDistance = scorer.score(entry);
    distanceCount++;
    long best = greedyDescent(graph, scorer, NodeHeap.encode(entryDistance, entry), top, 0);
    candidates.clear();
    candidates.pushPacked(best);
    return searchLayer(graph, scorer, ef, 0, filter);
  }

  /**
   * Greedy search with ef = 1 on each layer from {@code fromLevel} down to {@code toLevel + 1}:
   * move to the nearest neighbour while it gets closer. Returns the packed (distance, node) reached.
   */
  public long greedyDescent(GraphView graph, NodeScorer scorer, long start, int fromLevel, int toLevel) {
    int current = NodeHeap.nodeOf(start);
    float currentDistance = NodeHeap.distanceOf(start);
    for (int level = fromLevel; level > toLevel; level--) {
      boolean moved = true;
      while (moved) {
        moved = false;
        int count = graph.neighbors(current, level, neighborBuffer(graph, level));
        distanceCount += count;
        for (int i = 0; i < count; i++) {
          int candidate = neighbors[i];
          float d = scorer.score(candidate);
          if (d < currentDistance) {
            currentDistance = d;
            current = candidate;
            moved = true;
          }
        }
      }
    }
    return NodeHeap.encode(currentDistance, current);
  }

  /**
   * Algorithm 2: beam search on one layer from the entries already pushed into {@link
   * #candidates()}. Nodes the filter rejects are traversed but never enter the results, and the
   * search goes on until it holds ef accepted nodes or runs out of closer candidates.
   */
  public NodeHeap searchLayer(GraphView graph, NodeScorer scorer, int ef, int level, NodeFilter filter) {
    visited.clear();
    results.clear();
    // Seed: every entry is visited, and accepted ones are results.
    for (int i = 0; i < candidates.size(); i++) {
      long packed = candidates.packedAt(i);
      int node = NodeHeap.nodeOf(packed);
      visited.visit(node);
      if (filter == null || filter.accept(node)) {
        results.pushPacked(packed);
        if (results.size() > ef) {
          results.popPacked();
        }
      }
    }
    float bound = results.size() >= ef ? results.peekDistance() : Float.POSITIVE_INFINITY;
    int[] buffer = neighborBuffer(graph, level);
    while (!candidates.isEmpty()) {
      long nearest = candidates.popPacked();
      if (NodeHeap.distanceOf(nearest) > bound) {
        break; // the nearest candidate is farther than the worst of ef results
      }
      int count = graph.neighbors(NodeHeap.nodeOf(nearest), level, buffer);
      for (int i = 0; i < count; i++) {
        int node = buffer[i];
        if (!visited.visit(node)) {
          continue;
        }
        float d = scorer.score(node);
        distanceCount++;
        if (d < bound || results.size() < ef) {
          candidates.push(d, node);
          if (filter == null || filter.accept(node)) {
            results.push(d, node);
            if (results.size() > ef) {
              results.popPacked();
            }
            if (results.size() >= ef) {
              bound = results.peekDistance();
            }
          }
        }
      }
    }
    candidates.clear();
    return results;
  }

  /** The candidate queue; callers push entry points here before {@link #searchLayer}. */
  public NodeHeap candidates() {
    return candidates;
  }

  /** A neighbour buffer big enough for {@code level}; also usable by the caller between searches. */
  public int[] neighborBuffer(GraphView graph, int level) {
    int needed = graph.maxDegree(level);
    if (neighbors.length < needed) {
      neighbors = new int[needed];
    }
    return neighbors;
  }
}
