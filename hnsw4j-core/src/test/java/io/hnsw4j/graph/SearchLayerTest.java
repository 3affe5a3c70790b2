package io.hnsw4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hnsw4j.vector.NodeScorer;
import org.junit.jupiter.api.Test;

/**
 * Algorithm 2 on a chain of points 0 - 1 - 2 - ... on a line, searched from node 0 for the point
 * 0: the nearest candidate is always the next on the chain, so the exact number of distances
 * the stop rule allows can be counted by hand.
 */
class SearchLayerTest {
  private static HandBuiltGraph chain(int n) {
    HandBuiltGraph g = HandBuiltGraph.line(2, n);
    g.link(0, 0, 1);
    for (int i = 1; i < n - 1; i++) {
      g.link(i, 0, i - 1, i + 1);
    }
    g.link(n - 1, 0, n - 2);
    return g;
  }

  private static long[] search(HandBuiltGraph g, GraphSearcher searcher, int ef, NodeFilter filter) {
    NodeScorer scorer = g.vectors.scorer(new float[] {0});
    searcher.resetCounts();
    searcher.candidates().clear();
    searcher.candidates().push(scorer.score(0), 0);
    NodeHeap found = searcher.searchLayer(g.graph, scorer, ef, 0, filter);
    long[] out = new long[found.size()];
    found.drainAscending(out);
    return out;
  }

  private static int[] nodes(long[] packed) {
    int[] out = new int[packed.length];
    for (int i = 0; i < packed.length; i++) {
      out[i] = NodeHeap.nodeOf(packed[i]);
    }
    return out;
  }

  @Test
  void stopsWhenTheNearestCandidateIsFartherThanTheWorstResult() {
    HandBuiltGraph g = chain(10);
    GraphSearcher searcher = new GraphSearcher(16, 4);
    for (int ef = 1; ef <= 5; ef++) {
      long[] found = search(g, searcher, ef, null);
      int[] expected = new int[ef];
      for (int i = 0; i < ef; i++) {
        expected[i] = i;
      }
      assertArrayEquals(expected, nodes(found), "ef " + ef);
      // Nodes 1..ef are scored; node ef is scored but farther than the worst of ef results, so
      // it is neither kept nor expanded and the search stops.
      assertEquals(ef, searcher.distanceCount(), "distances at ef " + ef);
    }
  }

  @Test
  void rejectedNodesAreTraversedUntilEfAcceptedOnesAreFound() {
    HandBuiltGraph g = chain(10);
    GraphSearcher searcher = new GraphSearcher(16, 4);
    long[] found = search(g, searcher, 2, node -> node % 2 == 0);
    assertArrayEquals(new int[] {0, 2}, nodes(found));
    // 1 (rejected, but queued since fewer than ef results), 2 (accepted), 3 (beyond the bound).
    assertEquals(3, searcher.distanceCount());
  }

  @Test
  void aGraphThatRunsOutReturnsWhatItReached() {
    HandBuiltGraph g = chain(3);
    GraphSearcher searcher = new GraphSearcher(16, 4);
    assertArrayEquals(new int[] {0, 1, 2}, nodes(search(g, searcher, 10, null)));
    assertEquals(2, searcher.distanceCount());
  }
}
