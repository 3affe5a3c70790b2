package io.hnsw4j.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The checker must report each kind of broken graph, and only broken ones. */
class GraphInvariantsTest {

  /** Any graph, as plain arrays: lists[level][node] (null: not on that level). */
  private static final class ArrayGraph implements GraphView {
    final int[][][] lists;
    final int[] levels;
    final boolean[] deleted;
    final boolean[] free;
    final int entry;
    final int maxDegree0;

    ArrayGraph(int nodes, int top, int entry, int maxDegree0) {
      lists = new int[top + 1][nodes][];
      levels = new int[nodes];
      deleted = new boolean[nodes];
      free = new boolean[nodes];
      this.entry = entry;
      this.maxDegree0 = maxDegree0;
      for (int node = 0; node < nodes; node++) {
        lists[0][node] = new int[0];
      }
    }

    ArrayGraph links(int node, int level, int... to) {
      lists[level][node] = to;
      levels[node] = Math.max(levels[node], level);
      return this;
    }

    @Override
    public int nodeCount() {
      return levels.length;
    }

    @Override
    public int entryPoint() {
      return entry;
    }

    @Override
    public int maxLevel() {
      return lists.length - 1;
    }

    @Override
    public int level(int node) {
      return levels[node];
    }

    @Override
    public boolean isDeleted(int node) {
      return deleted[node] || free[node];
    }

    @Override
    public boolean isFree(int node) {
      return free[node];
    }

    @Override
    public int neighbors(int node, int level, int[] dest) {
      int[] list = lists[level][node] == null ? new int[0] : lists[level][node];
      System.arraycopy(list, 0, dest, 0, Math.min(list.length, dest.length));
      return list.length;
    }

    @Override
    public long memoryBytes() {
      return 0;
    }

    @Override
    public int maxDegree(int level) {
      return level == 0 ? maxDegree0 : maxDegree0 / 2;
    }
  }

  /** A sound ring of five nodes on layer 0, with 0 and 1 also linked on layer 1. */
  private static ArrayGraph ring() {
    ArrayGraph g = new ArrayGraph(5, 1, 0, 4);
    for (int i = 0; i < 5; i++) {
      g.links(i, 0, (i + 1) % 5, (i + 4) % 5);
    }
    g.links(0, 1, 1).links(1, 1, 0);
    return g;
  }

  private static void assertReports(GraphView g, String problem) {
    GraphInvariants.Report report = GraphInvariants.check(g);
    assertFalse(report.ok(), "expected '" + problem + "' in " + report);
    assertTrue(report.problems().stream().anyMatch(p -> p.contains(problem)), "expected '" + problem + "' in " + report);
  }

  @Test
  void aSoundGraphPasses() {
    assertTrue(GraphInvariants.check(ring()).ok(), GraphInvariants.check(ring()).toString());
  }

  @Test
  void reportsEachBrokenLink() {
    assertReports(ring().links(2, 0, 2, 3), "links to itself");
    assertReports(ring().links(2, 0, 3, 3, 1), "links twice to 3");
    assertReports(ring().links(2, 0, 3, 1, 4, 0, 1), "more than 4");
    assertReports(ring().links(2, 0, 3, 17), "links to non-node 17");
    assertReports(ring().links(2, 0, -1, 3), "links to non-node -1");
    assertReports(ring().links(0, 1, 1, 3), "to node 3 of level 0");
    ArrayGraph freeTarget = ring();
    freeTarget.free[3] = true;
    freeTarget.lists[0][3] = new int[0];
    assertReports(freeTarget, "links to free slot 3");
    ArrayGraph freeWithLinks = ring();
    freeWithLinks.free[4] = true;
    freeWithLinks.links(3, 0, 2).links(0, 0, 1);
    assertReports(freeWithLinks, "free slot 4 still has links");
  }

  @Test
  void reportsABadEntryPointOrLevels() {
    ArrayGraph wrongEntry = new ArrayGraph(5, 1, 2, 4);
    for (int i = 0; i < 5; i++) {
      wrongEntry.links(i, 0, (i + 1) % 5, (i + 4) % 5);
    }
    wrongEntry.links(0, 1, 1).links(1, 1, 0);
    assertReports(wrongEntry, "entry point 2 has level 0 but the top level is 1");
    ArrayGraph tooHigh = ring();
    tooHigh.levels[4] = 3;
    assertReports(tooHigh, "above the top level");
  }

  @Test
  void reportsUnreachableNodesOnEveryLayer() {
    // 3 and 4 link to each other only: nobody links to them.
    ArrayGraph cutOff = ring().links(2, 0, 1).links(0, 0, 1).links(3, 0, 4).links(4, 0, 3);
    assertReports(cutOff, "2 live node(s) unreachable from the entry point on level 0");
    // A removed node on the only path still counts as a path (searches traverse it).
    ArrayGraph throughRemoved = ring();
    throughRemoved.deleted[1] = true;
    assertTrue(GraphInvariants.check(throughRemoved).ok());
    ArrayGraph upper = ring().links(0, 1).links(1, 1, 0);
    assertReports(upper, "1 node(s) unreachable from the entry point on level 1");
  }

  @Test
  void reportsBrokenSpanningTrees() {
    HandBuiltGraph g = HandBuiltGraph.line(2, 4);
    g.link(0, 0, 1).link(1, 0, 2).link(2, 0, 3).link(3, 0, 0);
    g.graph.setParent(1, 0, 0);
    g.graph.setParent(2, 0, 1);
    g.graph.setParent(3, 0, 2);
    assertTrue(GraphInvariants.check(g.graph).ok(), GraphInvariants.check(g.graph).toString());

    g.graph.setParent(3, 0, -1);
    assertReports(g.graph, "node 3 has no valid tree parent on level 0");
    g.graph.setParent(3, 0, 1); // 1 does not link to 3
    assertReports(g.graph, "tree parent 1 does not link to node 3");
    g.link(3, 0, 0, 2);
    g.graph.setParent(2, 0, 3); // 2 -> 3 -> 2: a cycle that never reaches the entry
    g.graph.setParent(3, 0, 2);
    assertReports(g.graph, "do not lead to the entry point");
    g.graph.setParent(2, 0, 1);
    g.graph.setParent(0, 0, 3);
    assertReports(g.graph, "the entry point has tree parent 3");
  }

  @Test
  void problemsAreCountedBeyondThoseListed() {
    ArrayGraph g = new ArrayGraph(40, 0, 0, 4);
    for (int i = 0; i < 40; i++) {
      g.links(i, 0, i); // 40 self-links, and 39 unreachable nodes
    }
    GraphInvariants.Report report = GraphInvariants.check(g);
    assertTrue(report.problemCount() >= 41, String.valueOf(report.problemCount()));
    assertTrue(report.problems().size() <= 20, Arrays.toString(report.problems().toArray()));
  }
}
