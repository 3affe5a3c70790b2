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
    int count = selector.select(0, sorted, sorted.length, max, 0, ws);
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
    int count = selector(g, false).select(0, sorted, 2, 4, 0, ws);
    assertArrayEquals(new int[] {1, 2}, Arrays.copyOf(ws.selected, count));
  }

  @Test
  void pruningKeepsThePinnedTreeChildInPlaceOfTheFarthestChoice() {
    // Level 1 holds M = 2 links. Unpinned, the heuristic keeps 1 and 3.
    assertArrayEquals(new int[] {1, 3}, pruneAllCandidates(points(), 1));
    // Node 5 hangs from node 0 on level 1: it stays, in place of the farther choice (3). It does
    // not take part in the choice: 3 would have been dropped as nearer to 5 than to the base.
    assertArrayEquals(new int[] {1, 5}, pruneAllCandidates(points(), 1, 5));
  }

  @Test
  void aPinnedChildDoesNotShadowTheHeuristicsChoices() {
    // Level 0 holds 2M = 4 links. Node 2 (behind 1) hangs from node 0. Counted as a choice it
    // would push out 1, which is nearer to it than to the base; now 1, 3 and 4 are chosen as if
    // nothing were pinned and 2 takes the free place.
    assertArrayEquals(new int[] {1, 3, 4, 2}, pruneAllCandidates(points(), 0, 2));
  }

  @Test
  void pinnedChildrenNeverReplaceEachOther() {
    // Level 1 holds 2 links; 2 and 5 both hang from node 0: both stay, nothing else fits.
    int[] kept = pruneAllCandidates(points(), 1, 2, 5);
    Arrays.sort(kept);
    assertArrayEquals(new int[] {2, 5}, kept);
  }

  /** Prunes the list 1..5 as node 0's on {@code level}, where {@code children} hang from node 0. */
  private static int[] pruneAllCandidates(HandBuiltGraph g, int level, int... children) {
    for (int child : children) {
      g.graph.setParent(child, level, 0);
    }
    int[] list = {1, 2, 3, 4, 5};
    synchronized (g.graph.lockFor(0)) {
      selector(g, false).writePruned(0, level, list, list.length, new BuildWorkspace(new GraphSearcher(8, 4)));
    }
    return neighbors(g, 0, level);
  }

  private static int[] neighbors(HandBuiltGraph g, int node, int level) {
    int[] buffer = new int[8];
    return Arrays.copyOf(buffer, g.graph.neighbors(node, level, buffer));
  }
}
