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
    return search(g, searcher, ef, filter, false);
  }

  private static long[] search(HandBuiltGraph g, GraphSearcher searcher, int ef, NodeFilter filter, boolean pairs) {
    NodeScorer scorer = g.vectors.scorer(new float[] {0});
    searcher.resetCounts();
    searcher.candidates().clear();
    searcher.candidates().push(scorer.score(0), 0);
    NodeHeap found = searcher.searchLayer(g.graph, scorer, ef, 0, filter, pairs);
    long[] out = new long[found.size()];
    found.drainAscending(out);
    return out;
  }

  /** Node i at coordinate {@code at[i]} on layer 0, linked to {@code links[i]} in that order. */
  private static HandBuiltGraph onALine(float[] at, int[][] links) {
    float[][] points = new float[at.length][];
    for (int i = 0; i < at.length; i++) {
      points[i] = new float[] {at[i]};
    }
    HandBuiltGraph g = new HandBuiltGraph(2, points, new int[at.length]);
    for (int i = 0; i < at.length; i++) {
      g.link(i, 0, links[i]);
    }
    return g;
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

  /**
   * Points at 10, 1, 2, 0.5 and 5 (nodes 0..4), searched for 0 from node 0 with ef 2. Node 0
   * leads to 1 and 2, which become the results (bound 2) and the two candidates; node 1 leads to
   * 3, node 2 to 4. One candidate per step: expanding 1 finds 3, lowers the bound to 1 and the
   * search stops before 2. In pairs (the build's searches), both candidates are within the bound
   * when the step starts, so both are expanded and 4 is scored too (farther than the bound, and
   * kept out).
   */
  @Test
  void pairsExpandTheTwoNearestCandidatesTogether() {
    HandBuiltGraph g = onALine(new float[] {10, 1, 2, 0.5f, 5}, new int[][] {{1, 2}, {0, 3}, {0, 4}, {1}, {2}});
    GraphSearcher searcher = new GraphSearcher(16, 4);
    // Scored: 1 and 2 (from 0), then 3 (from 1); expanded: 0, 1, 3. The entry was scored by the
    // caller.
    assertArrayEquals(new int[] {3, 1}, nodes(search(g, searcher, 2, null, false)));
    assertEquals(3, searcher.distanceCount());
    assertEquals(3, searcher.expandedCount());
    // Scored: 1 and 2, then 3 and 4 (from 1 and 2 together); expanded: 0, then 1 and 2, then 3.
    assertArrayEquals(new int[] {3, 1}, nodes(search(g, searcher, 2, null, true)));
    assertEquals(4, searcher.distanceCount());
    assertEquals(4, searcher.expandedCount());
  }

  /**
   * Points at 10, 0.5, 3, 2 and 0.1 (nodes 0..4), ef 1, in pairs. Node 0 leads to 3 and then 1:
   * both are queued, but 1 displaces 3 from the results, so the bound falls below 3's distance.
   * Node 1 is expanded alone (3 is beyond the bound), leads to 4, and the search ends without
   * ever expanding 3: its neighbour 2 is never scored.
   */
  @Test
  void pairsLeaveASecondCandidateBeyondTheBound() {
    HandBuiltGraph g = onALine(new float[] {10, 0.5f, 3, 2, 0.1f}, new int[][] {{3, 1}, {0, 4}, {3}, {0, 2}, {1}});
    GraphSearcher searcher = new GraphSearcher(16, 4);
    assertArrayEquals(new int[] {4}, nodes(search(g, searcher, 1, null, true)));
    // Scored: 3 and 1 (from 0), then 4 (from 1). Expanded: 0, 1, 4.
    assertEquals(3, searcher.distanceCount());
    assertEquals(3, searcher.expandedCount());
  }

  @Test
  void aGraphThatRunsOutReturnsWhatItReached() {
    HandBuiltGraph g = chain(3);
    GraphSearcher searcher = new GraphSearcher(16, 4);
    assertArrayEquals(new int[] {0, 1, 2}, nodes(search(g, searcher, 10, null)));
    assertEquals(2, searcher.distanceCount());
  }
}
