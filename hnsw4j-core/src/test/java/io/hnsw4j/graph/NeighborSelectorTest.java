package io.hnsw4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Algorithm 4 on hand-placed 2-D points, where the right answer can be worked out on paper. */
class NeighborSelectorTest {
  // Node 0 is the base at the origin. 2 sits behind 1 (closer to 1 than to the base) and 5
  // behind 3, so the heuristic drops them; 1, 3 and 4 point three different ways.
  private static final float[][] POINTS = {
    {0, 0}, {1, 0}, {1.2f, 0.2f}, {0, 1}, {-1, 0}, {0, 1.5f}
  };

  private static NeighborSelector selector(HandBuiltGraph g, boolean keepPruned) {
    return new NeighborSelector(g.graph, g.vectors, new BuildParams(10, 1, false, keepPruned, 1));
  }

  private static HandBuiltGraph points() {
    return new HandBuiltGraph(2, POINTS, new int[] {1, 1, 1, 1, 1, 1});
  }

  private static int[] select(NeighborSelector selector, HandBuiltGraph g, int max, BuildWorkspace ws) {
    long[] sorted = g.sortedCandidates(0, 1, 2, 3, 4, 5);
    int count = selector.select(0, sorted, sorted.length, max, 0, 0, ws);
    return Arrays.copyOf(ws.selected, count);
  }

  @Test
  void keepsOnlyCandidatesCloserToTheBaseThanToAnyKeptOne() {
    HandBuiltGraph g = points();
    BuildWorkspace ws = new BuildWorkspace(new GraphSearcher(8, 4));
    assertArrayEquals(new int[] {1, 3, 4}, select(selector(g, false), g, 4, ws));
    assertArrayEquals(new int[] {1, 3}, select(selector(g, false), g, 2, ws));
  }

  @Test
  void keepPrunedConnectionsTopsUpWithTheNearestDiscarded() {
    HandBuiltGraph g = points();
    BuildWorkspace ws = new BuildWorkspace(new GraphSearcher(8, 4));
    assertArrayEquals(new int[] {1, 3, 4, 2}, select(selector(g, true), g, 4, ws));
  }

  @Test
  void roomForAllKeepsAllAsHnswlibDoes() {
    HandBuiltGraph g = points();
    BuildWorkspace ws = new BuildWorkspace(new GraphSearcher(8, 4));
    long[] sorted = g.sortedCandidates(0, 2, 1);
    int count = selector(g, false).select(0, sorted, 2, 4, 0, 0, ws);
    assertArrayEquals(new int[] {1, 2}, Arrays.copyOf(ws.selected, count));
  }

  @Test
  void pruningKeepsThePinnedTreeChildFirst() {
    HandBuiltGraph g = points();
    BuildWorkspace ws = new BuildWorkspace(new GraphSearcher(8, 4));
    NeighborSelector selector = selector(g, false);
    int[] list = {1, 2, 3, 4, 5};
    // Level 1 holds M = 2 links. Unpinned, the heuristic keeps 1 and 3.
    synchronized (g.graph.lockFor(0)) {
      selector.writePruned(0, 1, list.clone(), list.length, ws);
    }
    assertArrayEquals(new int[] {1, 3}, neighbors(g, 0, 1));
    // Node 5 hangs from node 0 on level 1: it stays, and takes the place of 3, which it covers.
    g.graph.setParent(5, 1, 0);
    synchronized (g.graph.lockFor(0)) {
      selector.writePruned(0, 1, list.clone(), list.length, ws);
    }
    assertArrayEquals(new int[] {5, 1}, neighbors(g, 0, 1));
  }

  private static int[] neighbors(HandBuiltGraph g, int node, int level) {
    int[] buffer = new int[8];
    return Arrays.copyOf(buffer, g.graph.neighbors(node, level, buffer));
  }
}
