package io.hnsw4j;

import io.hnsw4j.graph.GraphSearcher;
import io.hnsw4j.graph.GraphView;
import io.hnsw4j.graph.NodeFilter;
import io.hnsw4j.graph.NodeHeap;
import io.hnsw4j.internal.Limits;
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
 *
 * <p>A graph search starts not only where the greedy descent ends but also from the passing
 * nodes of the sample ({@link #SEEDS} of them at most, scored): when the filter is
 * anti-correlated with the query (only points far from it pass), the nodes near the query lead
 * nowhere, and without those seeds recall fell to 0.63 (FilteredRecallTest).
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
  /** Passing nodes of the sample that also seed the graph search, at most. */
  static final int SEEDS = 64;
  /** A filter whose pass rate near the query is below its selectivity divided by this is anti-correlated. */
  static final double ANTI_CORRELATION = 3;
  /** How much wider the beam of the second search for an anti-correlated filter is. */
  static final int WIDER = 4;

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
    Sample sample = Sample.of(graph, accept, nodes);
    double selectivity = knownSelectivity >= 0 ? knownSelectivity : sample.selectivity();
    if (selectivity < SCAN_BELOW || selectivity * nodes <= SCAN_PASSING_PER_EF * ef) {
      return candidates != null
          ? scanCandidates(scorer, searcher, k, accept, candidates)
          : scan(graph, scorer, searcher, k, accept);
    }
    if (!searcher.descendToLayer0(graph, scorer)) {
      return searcher.results();
    }
    // Anti-correlated: far fewer nodes pass near the query than overall. The passing points are
    // then far away and many at about the same distance, so a beam of ef misses some of them,
    // and going two hops around rejected nodes does not reach far enough: search with a four
    // times wider beam that traverses everything (FilteredRecallTest: recall at 30% passing
    // 0.68 -> 1.0, at 60% 0.87 -> 0.99).
    boolean antiCorrelated =
        localPassRate(graph, NodeHeap.nodeOf(searcher.candidates().packedAt(0)), accept)
            < selectivity / ANTI_CORRELATION;
    for (int i = 0; i < sample.seedCount(); i++) {
      int seed = sample.seeds()[i];
      searcher.candidates().push(scorer.score(seed), seed);
    }
    searcher.addDistanceCount(sample.seedCount());
    NodeHeap found;
    if (antiCorrelated && ef < Limits.MAX_EF / WIDER) {
      found = searcher.searchLayer(graph, scorer, ef * WIDER, 0, accept);
    } else if (selectivity < TWO_HOP_BELOW) {
      found = searcher.searchLayerTwoHop(graph, scorer, ef, accept);
    } else {
      found = searcher.searchLayer(graph, scorer, ef, 0, accept);
    }
    if (found.size() >= k) {
      return found;
    }
    return candidates != null
        ? scanCandidates(scorer, searcher, k, accept, candidates)
        : scan(graph, scorer, searcher, k, accept);
  }

  /**
   * The fraction of the nodes within two hops of {@code node} on layer 0 (where the descent for
   * the query ended) that pass: the filter's selectivity near the query.
   */
  private static double localPassRate(GraphView graph, int node, NodeFilter accept) {
    int[] buffer = new int[graph.maxDegree(0)];
    int[] hop = new int[graph.maxDegree(0)];
    int count = graph.neighbors(node, 0, buffer);
    int asked = 0;
    int passed = 0;
    for (int i = 0; i < count; i++) {
      asked++;
      passed += accept.accept(buffer[i]) ? 1 : 0;
      int hops = graph.neighbors(buffer[i], 0, hop);
      for (int j = 0; j < hops; j++) {
        asked++;
        passed += accept.accept(hop[j]) ? 1 : 0;
      }
    }
    return asked == 0 ? 1 : (double) passed / asked;
  }

  /**
   * The filter tried on evenly spread nodes: the fraction of live ones that pass, and up to
   * {@link #SEEDS} passing ones, spread over the whole sample.
   */
  record Sample(double selectivity, int[] seeds, int seedCount) {
    static Sample of(GraphView graph, NodeFilter accept, int nodes) {
      int live = 0;
      int passed = 0;
      int step = Math.max(1, nodes / SAMPLE);
      int[] passing = new int[nodes / step + 1];
      for (int node = step / 2; node < nodes; node += step) {
        if (!graph.isDeleted(node)) {
          live++;
          if (accept.accept(node)) {
            passing[passed++] = node;
          }
        }
      }
      // Every (passed / SEEDS)-th passing node, so that seeds cover the whole sample.
      int stride = Math.max(1, (passed + SEEDS - 1) / SEEDS);
      int seeds = 0;
      for (int i = 0; i < passed; i += stride) {
        passing[seeds++] = passing[i];
      }
      return new Sample(live == 0 ? 0 : (double) passed / live, passing, seeds);
    }
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
      best.replaceTop(d, node);
    }
  }
}
