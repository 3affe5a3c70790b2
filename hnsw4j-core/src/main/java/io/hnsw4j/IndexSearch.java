package io.hnsw4j;

import io.hnsw4j.graph.GraphSearcher;
import io.hnsw4j.graph.GraphView;
import io.hnsw4j.graph.NodeFilter;
import io.hnsw4j.graph.NodeHeap;
import io.hnsw4j.internal.IdLookup;
import io.hnsw4j.vector.NodeScorer;
import io.hnsw4j.vector.TraversalSpace;
import io.hnsw4j.vector.VectorSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.function.LongPredicate;

/**
 * One k-NN search of an {@link HnswIndex} with a prepared query: the graph search (or {@link
 * FilteredSearch} for a filter), on the traversal copy when the index has one (int8 codes, a
 * funnel's prefixes) and then reranked (through a funnel's cascade) with the float vectors, then
 * the results as ids, re-checked when a change overlapped.
 *
 * @param graph the graph
 * @param space the float vectors
 * @param traversal the copy searches traverse (int8 codes, funnel prefixes), or null for the floats
 * @param ids the id map
 * @param changes slot reuses and updates
 * @param compactions held while results are re-checked (the read side of the index's write lock)
 */
record IndexSearch(
    GraphView graph, VectorSpace space, TraversalSpace traversal, IdLookup ids, ChangeCounters changes, Lock compactions) {

  /** @param stop when an unfiltered search may stop before its beam's bound */
  List<SearchResult> search(
      boolean anyRemoved, GraphSearcher searcher, float[] query, int k, int ef, LongPredicate filter,
      EarlyStop stop) {
    long mark = changes.mark();
    searcher.resetCounts();
    NodeScorer scorer = space.scorer(query);
    NodeScorer[] stages = traversal == null ? null : traversal.scorers(query);
    NodeScorer walker = traversal == null ? scorer : stages[0];
    int beam = Math.max(ef, k);
    NodeHeap found =
        filter == null
            ? searcher.search(graph, walker, beam, anyRemoved ? node -> !graph.isDeleted(node) : null, k,
                stop.patienceSteps(beam), stop.searchMargin())
            : filtered(graph, ids, walker, searcher, k, beam, filter);
    int n = found.size();
    long[] sorted = new long[n];
    found.drainAscending(sorted);
    if (traversal != null) {
      n = rerankStages(sorted, n, k, stages, searcher);
      n = traversal.rerankDepth(k, n);
      rerank(sorted, n, scorer);
      searcher.addRerankCount(n);
    }
    // A node removed after the search accepted it is left out (the next one takes its place).
    long[] resultIds = new long[Math.min(k, n)];
    long[] kept = new long[resultIds.length];
    int count = 0;
    for (int i = 0; i < n && count < resultIds.length; i++) {
      int node = NodeHeap.nodeOf(sorted[i]);
      if (!graph.isDeleted(node)) {
        resultIds[count] = ids.idOf(node);
        kept[count++] = sorted[i];
      }
    }
    if (changes.changedSince(mark)) {
      // No compaction may run while the results are re-checked: a node found live here could
      // otherwise be removed, freed and rewritten by a new add between its check and its score.
      compactions.lock();
      try {
        return revalidate(graph, ids, sorted, n, k, scorer, filter);
      } finally {
        compactions.unlock();
      }
    }
    List<SearchResult> results = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      results.add(new SearchResult(resultIds[i], NodeHeap.distanceOf(kept[i])));
    }
    return results;
  }

  private static NodeHeap filtered(
      GraphView graph, IdLookup ids, NodeScorer scorer, GraphSearcher searcher, int k, int beam, LongPredicate filter) {
    double selectivity = -1;
    int[] candidates = null;
    if (filter instanceof IdFilter known) {
      long live = Math.max(1, ids.size());
      selectivity = Math.min(1.0, Math.max(0, known.estimatedCount()) / (double) live);
      long[] passing = known.estimatedCount() <= live / 10 ? known.passingIds() : null;
      candidates = passing == null ? null : ordinalsOf(ids, passing);
    }
    NodeFilter accept = node -> !graph.isDeleted(node) && filter.test(ids.idOf(node));
    return FilteredSearch.search(graph, scorer, searcher, k, beam, accept, selectivity, candidates);
  }

  /**
   * The cascade between the traversal and the floats (a funnel's longer prefixes): each stage
   * reranks the candidates it gets and passes on the nearer half, never fewer than k. Returns how
   * many candidates are left, at the front of {@code sorted}.
   */
  private static int rerankStages(long[] sorted, int n, int k, NodeScorer[] stages, GraphSearcher searcher) {
    for (int i = 1; i < stages.length; i++) {
      rerank(sorted, n, stages[i]);
      searcher.addRerankCount(n);
      n = Math.min(n, Math.max(k, n / 2));
    }
    return n;
  }

  /** Replaces the traversal's distances by those of {@code exact} and sorts again, nearest first. */
  private static void rerank(long[] sorted, int n, NodeScorer exact) {
    for (int i = 0; i < n; i++) {
      int node = NodeHeap.nodeOf(sorted[i]);
      sorted[i] = NodeHeap.encode(exact.score(node), node);
    }
    Arrays.sort(sorted, 0, n);
  }

  /** The ordinals of those ids that are in the index, each once. */
  private static int[] ordinalsOf(IdLookup ids, long[] passing) {
    int[] out = new int[passing.length];
    int n = 0;
    for (long id : passing) {
      int ordinal = ids.ordinalOf(id);
      if (ordinal >= 0) {
        out[n++] = ordinal;
      }
    }
    Arrays.sort(out, 0, n);
    int unique = 0;
    for (int i = 0; i < n; i++) {
      if (unique == 0 || out[unique - 1] != out[i]) {
        out[unique++] = out[i];
      }
    }
    return Arrays.copyOf(out, unique);
  }

  /**
   * After a search that overlapped a slot reuse or an update, a node may hold another id and
   * vector than when it was scored, or be the old node of an id just updated. Each id is read once
   * here; a node is kept only if it is live and still the node of its id, and the filter passes
   * that id; it is rescored, so every result carries its own distance and no id comes twice.
   */
  private static List<SearchResult> revalidate(
      GraphView graph, IdLookup ids, long[] sorted, int n, int k, NodeScorer scorer, LongPredicate filter) {
    long[] rescored = new long[n];
    long[] idOfNode = new long[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int node = NodeHeap.nodeOf(sorted[i]);
      long id = ids.idOf(node);
      if (!graph.isDeleted(node) && ids.ordinalOf(id) == node && (filter == null || filter.test(id))) {
        idOfNode[kept] = id;
        rescored[kept++] = NodeHeap.encode(scorer.score(node), kept - 1);
      }
    }
    // Sort by distance; the low half of each entry indexes idOfNode.
    Arrays.sort(rescored, 0, kept);
    List<SearchResult> results = new ArrayList<>(Math.min(k, kept));
    for (int i = 0; i < Math.min(k, kept); i++) {
      results.add(new SearchResult(idOfNode[NodeHeap.nodeOf(rescored[i])], NodeHeap.distanceOf(rescored[i])));
    }
    return results;
  }
}
