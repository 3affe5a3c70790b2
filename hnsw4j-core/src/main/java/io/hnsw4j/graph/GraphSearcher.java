package io.hnsw4j.graph;

import io.hnsw4j.vector.NodeScorer;

/**
 * The layered beam search of the paper: greedy descent through the upper layers (ef = 1), then
 * Algorithm 2 (SEARCH-LAYER) with beam width ef. Holds the per-search scratch (visited set,
 * heaps, neighbour buffer), so one instance serves one thread at a time and allocates nothing per
 * search.
 *
 * <p>The build's searches ({@link #searchLayer(GraphView, NodeScorer, int, int, NodeFilter,
 * boolean)} with pairs) expand the nearest candidate and, if it is within the bound too, the next
 * one in each step, as DiskANN's beam search expands several nodes per round: a step's time goes
 * to cache misses (the link lists, then the neighbours' vectors), and the misses of two
 * candidates overlap where those of two steps queue. The second candidate is one the paper's
 * order may skip once the first's neighbours tighten the bound, so a step can score a few more
 * nodes, in the same time where memory is the limit: on glove-100 (100k) the graph then holds
 * 1.1 points more recall@10 at ef 160-320 for the same distances, and builds no slower. Queries
 * take one candidate per step: on siftsmall (cache-resident, where the build finds the same
 * graph either way) pairs cost 8% more distances per query for no recall, on glove they gained
 * 1-11% at equal ef. Four candidates per build step bought 0.2 points more (docs/benchmarks.md).
 *
 * <p>A step waits for two misses in turn, its node's link list and then its neighbours' vectors
 * or codes. Before scoring a step's batch the search reads the start of the list of the nearest
 * candidate still queued, which the next step expands unless this batch brings a nearer one, as
 * hnswlib prefetches it: on the whole of glove-100 with 4-bit codes on lines, 1.05x the QPS at ef
 * 240 (docs/benchmarks.md).
 */
public final class GraphSearcher {
  private final VisitedSet visited;
  private final NodeHeap candidates = NodeHeap.minHeap(256);
  private final NodeHeap results = NodeHeap.maxHeap(256);
  private int[] neighbors;
  private float[] distances = new float[0];
  private int[] hop = new int[0];
  private int[] batch = new int[0];
  /** The neighbours of one step's two candidates. */
  private int[] step = new int[0];
  /** The k nearest accepted distances of a search that may stop early, ascending (see {@link #searchStoppingEarly}). */
  private float[] nearestK = new float[0];
  /** Bits of the link lists read ahead, kept so the JIT cannot drop the reads. */
  private int touched;
  private long distanceCount;
  private long rerankCount;
  private long expandedCount;

  public GraphSearcher(int expectedNodes, int maxDegree) {
    visited = new VisitedSet(expectedNodes);
    neighbors = new int[maxDegree];
  }

  /** Distance computations since the last {@link #resetCounts()}, reranks included. */
  public long distanceCount() {
    return distanceCount;
  }

  /** Of {@link #distanceCount()}, those that reranked candidates with another copy of the vectors. */
  public long rerankCount() {
    return rerankCount;
  }

  /** Adjacency lists read since the last {@link #resetCounts()} (the hops of the search). */
  public long expandedCount() {
    return expandedCount;
  }

  /** Starts the counts of a new search. */
  public void resetCounts() {
    distanceCount = 0;
    rerankCount = 0;
    expandedCount = 0;
  }

  /** Counts distance computations made outside this searcher (exact scans). */
  public void addDistanceCount(long count) {
    distanceCount += count;
  }

  /** Counts candidates rescored outside this searcher by a rerank. */
  public void addRerankCount(long count) {
    distanceCount += count;
    rerankCount += count;
  }

  /** Counts adjacency lists read outside this searcher. */
  public void addExpandedCount(long count) {
    expandedCount += count;
  }

  /**
   * k-NN search: descends from the entry point to layer 0, then searches it with beam width
   * {@code ef}. Returns the results heap (at most ef accepted nodes, farthest on top), which stays
   * valid until the next call.
   */
  public NodeHeap search(GraphView graph, NodeScorer scorer, int ef, NodeFilter filter) {
    return search(graph, scorer, ef, filter, 0, 0, 0);
  }

  /**
   * {@link #search(GraphView, NodeScorer, int, NodeFilter)} that may stop early on layer 0, by
   * either of two rules, each off at 0:
   *
   * <ul>
   *   <li>{@code patience}: once the {@code k} nearest accepted nodes found have not changed for
   *       that many steps in a row (after the saturation stop of Teofili and Lin's "patience" for
   *       HNSW, which Lucene offers with a saturation threshold; here all k must be unchanged): a
   *       query whose nearest have settled stops expanding candidates that only confirm them.
   *   <li>{@code epsilon}: once the nearest candidate left is farther than the k-th nearest
   *       accepted distance d_k plus {@code epsilon x |d_k|}, as NGT's search range coefficient
   *       bounds its search: the beam's bound is the ef-th distance, which lies far out when ef
   *       is large, where this one follows the k nearest found so far.
   * </ul>
   *
   * Until it stops it takes the steps the plain search takes. {@code k} must not exceed {@code ef}.
   */
  public NodeHeap search(
      GraphView graph, NodeScorer scorer, int ef, NodeFilter filter, int k, int patience, float epsilon) {
    if (!descendToLayer0(graph, scorer)) {
      return results;
    }
    return k > 0 && (patience > 0 || epsilon > 0)
        ? searchStoppingEarly(graph, scorer, ef, filter, k, patience > 0 ? patience : Integer.MAX_VALUE, epsilon)
        : searchLayer(graph, scorer, ef, 0, filter);
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
        expandedCount++;
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
    return searchLayer(graph, scorer, ef, level, filter, false);
  }

  /**
   * {@link #searchLayer(GraphView, NodeScorer, int, int, NodeFilter)}, where with {@code pairs}
   * each step expands the next candidate too while it is within the bound (see the class comment).
   */
  public NodeHeap searchLayer(GraphView graph, NodeScorer scorer, int ef, int level, NodeFilter filter, boolean pairs) {
    float bound = seed(ef, filter);
    int degree = graph.maxDegree(level);
    if (step.length < 2 * degree) {
      step = new int[2 * degree];
    }
    int[] buffer = step;
    float[] distances = distanceBuffer(buffer.length);
    while (!candidates.isEmpty()) {
      long nearest = candidates.popPacked();
      if (NodeHeap.distanceOf(nearest) > bound) {
        break; // the nearest candidate is farther than the worst of ef results
      }
      // Take the unvisited neighbours, then score them in one tight loop: independent loads of
      // several vectors overlap in the CPU (what hnswlib gets from explicit prefetches).
      int fresh = graph.unvisitedNeighbors(NodeHeap.nodeOf(nearest), level, visited, buffer, 0);
      expandedCount++;
      if (pairs && !candidates.isEmpty() && candidates.peekDistance() <= bound) {
        fresh = graph.unvisitedNeighbors(NodeHeap.nodeOf(candidates.popPacked()), level, visited, buffer, fresh);
        expandedCount++;
      }
      if (!candidates.isEmpty()) {
        // The nearest candidate left is most often the next step's: its list's miss then
        // overlaps this step's (see the class comment).
        touched ^= graph.prefetchLinks(NodeHeap.nodeOf(candidates.peekPacked()), level);
        if (pairs && candidates.size() > 1) {
          // A build's step takes the next nearest too.
          touched ^= graph.prefetchLinks(NodeHeap.nodeOf(candidates.peekSecondPacked()), level);
        }
      }
      scorer.prefetch(buffer, fresh);
      scorer.scoreAll(buffer, fresh, distances);
      distanceCount += fresh;
      bound = admit(buffer, distances, fresh, ef, filter, bound);
    }
    candidates.clear();
    return results;
  }

  /**
   * The query's layer-0 search of {@link #searchLayer(GraphView, NodeScorer, int, int, NodeFilter)},
   * stopping once its k nearest have not changed for {@code patience} steps or its nearest
   * candidate lies beyond {@code epsilon} of the k-th (see {@link #search(GraphView, NodeScorer,
   * int, NodeFilter, int, int, float)}). A method of its own, so that the JIT compiles it from its
   * own profile, not the build's.
   */
  private NodeHeap searchStoppingEarly(
      GraphView graph, NodeScorer scorer, int ef, NodeFilter filter, int k, int patience, float epsilon) {
    float bound = seed(ef, filter);
    int degree = graph.maxDegree(0);
    if (step.length < 2 * degree) {
      step = new int[2 * degree];
    }
    if (nearestK.length < k) {
      nearestK = new float[k];
    }
    int[] buffer = step;
    float[] distances = distanceBuffer(buffer.length);
    int held = 0; // of the k nearest
    for (int i = 0; i < results.size(); i++) {
      held = keepNearest(NodeHeap.distanceOf(results.packedAt(i)), held, k);
    }
    float reach = reach(held, k, epsilon);
    int calm = 0; // steps in a row that changed none of them
    while (!candidates.isEmpty() && calm < patience) {
      long nearest = candidates.popPacked();
      float distance = NodeHeap.distanceOf(nearest);
      if (distance > bound || distance > reach) {
        break;
      }
      int fresh = graph.unvisitedNeighbors(NodeHeap.nodeOf(nearest), 0, visited, buffer, 0);
      expandedCount++;
      if (!candidates.isEmpty()) {
        touched ^= graph.prefetchLinks(NodeHeap.nodeOf(candidates.peekPacked()), 0);
      }
      scorer.prefetch(buffer, fresh);
      scorer.scoreAll(buffer, fresh, distances);
      distanceCount += fresh;
      // Anything nearer than the k-th nearest is nearer than the bound, so admit takes it too.
      boolean changed = false;
      for (int i = 0; i < fresh; i++) {
        float d = distances[i];
        if ((held < k || d < nearestK[k - 1]) && (filter == null || filter.accept(buffer[i]))) {
          held = keepNearest(d, held, k);
          changed = true;
        }
      }
      if (changed) {
        reach = reach(held, k, epsilon);
      }
      calm = changed || held < k ? 0 : calm + 1;
      bound = admit(buffer, distances, fresh, ef, filter, bound);
    }
    candidates.clear();
    return results;
  }

  /** How far from the query a candidate may lie and still be expanded, under {@code epsilon}. */
  private float reach(int held, int k, float epsilon) {
    if (epsilon <= 0 || held < k) {
      return Float.POSITIVE_INFINITY;
    }
    float kth = nearestK[k - 1];
    return kth + epsilon * Math.abs(kth);
  }

  /**
   * Starts a layer search: visits the entries queued in {@link #candidates()}, the accepted ones
   * as results; returns the bound.
   */
  private float seed(int ef, NodeFilter filter) {
    visited.clear();
    results.clear();
    for (int i = 0; i < candidates.size(); i++) {
      long packed = candidates.packedAt(i);
      int node = NodeHeap.nodeOf(packed);
      if (!visited.visit(node)) {
        continue; // the same entry given twice
      }
      if (filter == null || filter.accept(node)) {
        results.pushPacked(packed);
        if (results.size() > ef) {
          results.popPacked();
        }
      }
    }
    return results.size() >= ef ? results.peekDistance() : Float.POSITIVE_INFINITY;
  }

  /**
   * Queues a step's scored nodes that are nearer than the bound (all while there are fewer than
   * ef results), accepted ones as results; returns the new bound. Reorders the front of {@code
   * nodes} and {@code distances}.
   */
  private float admit(int[] nodes, float[] distances, int fresh, int ef, NodeFilter filter, float bound) {
    if (results.size() >= ef) {
      // Most of a batch is farther than the bound; dropping those first, without a branch on
      // each (one the CPU mispredicts often), leaves the loop below the few that enter.
      int kept = 0;
      for (int i = 0; i < fresh; i++) {
        float d = distances[i];
        nodes[kept] = nodes[i];
        distances[kept] = d;
        kept += d < bound ? 1 : 0;
      }
      fresh = kept;
    }
    for (int i = 0; i < fresh; i++) {
      float d = distances[i];
      if (d < bound || results.size() < ef) {
        int node = nodes[i];
        candidates.push(d, node);
        if (filter == null || filter.accept(node)) {
          if (results.size() < ef) {
            results.push(d, node);
          } else {
            results.replaceTop(d, node); // d < bound: the farthest result leaves
          }
          if (results.size() >= ef) {
            bound = results.peekDistance();
          }
        }
      }
    }
    return bound;
  }

  /** Puts {@code d} among the {@code held} nearest distances (at most k, ascending); returns the count. */
  private int keepNearest(float d, int held, int k) {
    float[] nearest = nearestK;
    if (held == k && d >= nearest[k - 1]) {
      return held;
    }
    int i = Math.min(held, k - 1);
    while (i > 0 && nearest[i - 1] > d) {
      nearest[i] = nearest[i - 1];
      i--;
    }
    nearest[i] = d;
    return Math.min(held + 1, k);
  }

  /**
   * Filtered beam search on layer 0 for restrictive filters (ACORN-1, as Lucene's filtered
   * searcher does it): only nodes that pass the filter are scored and queued; a neighbour that
   * fails is not scored but its own neighbours are looked at (two hops), so the search can cross
   * regions where few nodes pass. Entries must already be in {@link #candidates()}.
   */
  public NodeHeap searchLayerTwoHop(GraphView graph, NodeScorer scorer, int ef, NodeFilter filter) {
    visited.clear();
    results.clear();
    for (int i = 0; i < candidates.size(); i++) {
      long packed = candidates.packedAt(i);
      int node = NodeHeap.nodeOf(packed);
      if (visited.visit(node) && filter.accept(node)) {
        results.pushPacked(packed);
      }
    }
    float bound = results.size() >= ef ? results.peekDistance() : Float.POSITIVE_INFINITY;
    int degree = graph.maxDegree(0);
    int[] first = neighborBuffer(graph, 0);
    if (hop.length < degree) {
      hop = new int[degree];
    }
    if (batch.length < degree * (degree + 1)) {
      batch = new int[degree * (degree + 1)];
    }
    float[] distances = distanceBuffer(batch.length);
    while (!candidates.isEmpty()) {
      long nearest = candidates.popPacked();
      if (NodeHeap.distanceOf(nearest) > bound) {
        break;
      }
      int count = graph.neighbors(NodeHeap.nodeOf(nearest), 0, first);
      expandedCount++;
      int fresh = 0;
      for (int i = 0; i < count; i++) {
        int node = first[i];
        if (filter.accept(node)) {
          if (visited.visit(node)) {
            batch[fresh++] = node;
          }
          continue;
        }
        int hops = graph.neighbors(node, 0, hop);
        expandedCount++;
        for (int j = 0; j < hops; j++) {
          int next = hop[j];
          if (filter.accept(next) && visited.visit(next)) {
            batch[fresh++] = next;
          }
        }
      }
      for (int i = 0; i < fresh; i++) {
        distances[i] = scorer.score(batch[i]);
      }
      distanceCount += fresh;
      for (int i = 0; i < fresh; i++) {
        float d = distances[i];
        if (d < bound || results.size() < ef) {
          candidates.push(d, batch[i]);
          if (results.size() < ef) {
            results.push(d, batch[i]);
          } else {
            results.replaceTop(d, batch[i]);
          }
          if (results.size() >= ef) {
            bound = results.peekDistance();
          }
        }
      }
    }
    candidates.clear();
    return results;
  }

  /**
   * Descends through the upper layers and seeds {@link #candidates()} for layer 0 with the node
   * reached and with the entry point itself, from which every node is reachable (see {@code
   * SpanningTrees}): the entry costs one distance, and is expanded only if the search runs out of
   * nearer candidates before it holds ef results. Returns false when the graph is empty.
   */
  public boolean descendToLayer0(GraphView graph, NodeScorer scorer) {
    results.clear();
    candidates.clear();
    long packedEntry = graph.entry();
    if (packedEntry < 0) {
      return false;
    }
    int entry = (int) packedEntry;
    long start = NodeHeap.encode(scorer.score(entry), entry);
    distanceCount++;
    long landed = greedyDescent(graph, scorer, start, (int) (packedEntry >>> 32), 0);
    candidates.pushPacked(landed);
    if (landed != start) {
      candidates.pushPacked(start);
    }
    return true;
  }

  /** The results heap, for callers that fill it themselves (exact scans). */
  public NodeHeap results() {
    return results;
  }

  private float[] distanceBuffer(int size) {
    if (distances.length < size) {
      distances = new float[size];
    }
    return distances;
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
