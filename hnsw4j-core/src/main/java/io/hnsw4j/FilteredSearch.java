package io.hnsw4j;

import io.hnsw4j.graph.GraphSearcher;
import io.hnsw4j.graph.GraphView;
import io.hnsw4j.graph.NodeFilter;
import io.hnsw4j.graph.NodeHeap;
import io.hnsw4j.vector.NodeScorer;

/**
 * Chooses how to answer a filtered search from the filter's estimated selectivity (the fraction of
 * live vectors that pass, measured on a fixed sample of nodes):
 *
 * <ul>
 *   <li>few pass: score exactly the ones that do (a scan that evaluates the filter on every node
 *       but computes few distances);
 *   <li>a restrictive filter: the two-hop graph search ({@link GraphSearcher#searchLayerTwoHop});
 *   <li>a permissive one: the ordinary beam search, traversing rejected nodes without returning
 *       them.
 * </ul>
 *
 * Whatever the path, if the graph search finds fewer than k results the scan runs, so k results
 * come back whenever k live vectors pass. The thresholds come from measurements on glove-100
 * (docs/benchmarks.md, "Deletes and filters").
 */
final class FilteredSearch {
  /** Nodes on which the filter is tried to estimate its selectivity. */
  static final int SAMPLE = 1024;
  /**
   * Scan below this selectivity. On glove-100 the scan at 1% was exact and faster than the
   * two-hop graph search (which reached only 0.80 recall at ef = 100); at 10% the graph search
   * was 3x faster than the scan with 0.958 recall.
   */
  static final double SCAN_BELOW = 0.05;
  /** Scan also when at most this many nodes are expected to pass per unit of beam width. */
  static final double SCAN_PASSING_PER_EF = 20;
  /** Below this selectivity the graph search goes two hops around rejected neighbours. */
  static final double TWO_HOP_BELOW = 0.5;

  private FilteredSearch() {}

  /**
   * The k (at least) nearest accepted nodes. {@code knownSelectivity} is the caller's estimate of
   * the fraction of live nodes that pass (negative: unknown, so sample); {@code candidates} lists
   * the passing nodes when the caller has them (null otherwise), which a scan then visits alone.
   */
  static NodeHeap search(
      GraphView graph,
      NodeScorer scorer,
      GraphSearcher searcher,
      int k,
      int ef,
      NodeFilter accept,
      double knownSelectivity,
      int[] candidates) {
    int nodes = graph.nodeCount();
    double selectivity =
        knownSelectivity >= 0 ? knownSelectivity : estimateSelectivity(graph, accept, nodes);
    if (selectivity < SCAN_BELOW || selectivity * nodes <= SCAN_PASSING_PER_EF * ef) {
      return candidates != null
          ? scanCandidates(scorer, searcher, k, accept, candidates)
          : scan(graph, scorer, searcher, k, accept);
    }
    if (!searcher.descendToLayer0(graph, scorer)) {
      return searcher.results();
    }
    NodeHeap found =
        selectivity < TWO_HOP_BELOW
            ? searcher.searchLayerTwoHop(graph, scorer, ef, accept)
            : searcher.searchLayer(graph, scorer, ef, 0, accept);
    if (found.size() >= k) {
      return found;
    }
    return candidates != null
        ? scanCandidates(scorer, searcher, k, accept, candidates)
        : scan(graph, scorer, searcher, k, accept);
  }

  /** Fraction of sampled live nodes (evenly spread ordinals) that pass the filter. */
  static double estimateSelectivity(GraphView graph, NodeFilter accept, int nodes) {
    int live = 0;
    int passed = 0;
    int step = Math.max(1, nodes / SAMPLE);
    for (int node = step / 2; node < nodes; node += step) {
      if (!graph.isDeleted(node)) {
        live++;
        if (accept.accept(node)) {
          passed++;
        }
      }
    }
    return live == 0 ? 0 : (double) passed / live;
  }

  /**
   * Exact answer over the nodes that pass: the k nearest, in the searcher's results heap. The
   * filter must reject removed nodes itself (the index's filters do).
   */
  static NodeHeap scan(GraphView graph, NodeScorer scorer, GraphSearcher searcher, int k, NodeFilter accept) {
    NodeHeap best = searcher.results();
    best.clear();
    int nodes = graph.nodeCount();
    long scored = 0;
    for (int node = 0; node < nodes; node++) {
      if (accept.accept(node)) {
        offer(best, k, scorer.score(node), node);
        scored++;
      }
    }
    searcher.addDistanceCount(scored);
    return best;
  }

  /** Exact answer over the given nodes (distinct, in range) that the filter accepts. */
  static NodeHeap scanCandidates(
      NodeScorer scorer, GraphSearcher searcher, int k, NodeFilter accept, int[] candidates) {
    NodeHeap best = searcher.results();
    best.clear();
    long scored = 0;
    for (int node : candidates) {
      if (accept.accept(node)) {
        offer(best, k, scorer.score(node), node);
        scored++;
      }
    }
    searcher.addDistanceCount(scored);
    return best;
  }

  private static void offer(NodeHeap best, int k, float d, int node) {
    if (best.size() < k) {
      best.push(d, node);
    } else if (NodeHeap.encode(d, node) < best.peekPacked()) {
      best.popPacked();
      best.push(d, node);
    }
  }
}
