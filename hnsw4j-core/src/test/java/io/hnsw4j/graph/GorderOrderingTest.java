package io.hnsw4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Gorder on graphs whose best order is known. */
class GorderOrderingTest {

  /**
   * Two groups of five nodes, each linked all to all, numbered alternately (0, 2, 4, 6, 8 and
   * 1, 3, ..., 9) and joined by one link: each group comes out whole, the entry's first.
   */
  @Test
  void interleavedGroupsComeOutTogether() {
    HandBuiltGraph g = HandBuiltGraph.line(4, 10);
    for (int node = 0; node < 10; node++) {
      int[] group = new int[4];
      int count = 0;
      for (int other = node % 2; other < 10; other += 2) {
        if (other != node) {
          group[count++] = other;
        }
      }
      g.link(node, 0, node == 8 ? new int[] {0, 2, 4, 6, 9} : group);
    }
    int[] order = GorderOrdering.order(g.graph, 0);
    int[] first = Arrays.copyOf(order, 5);
    int[] second = Arrays.copyOfRange(order, 5, 10);
    Arrays.sort(first);
    Arrays.sort(second);
    assertEquals(0, order[0]);
    assertArrayEquals(new int[] {0, 2, 4, 6, 8}, first, Arrays.toString(order));
    assertArrayEquals(new int[] {1, 3, 5, 7, 9}, second, Arrays.toString(order));
  }

  /** Free slots (no links) come last, in their old order; every node appears once. */
  @Test
  void freeSlotsComeLast() {
    HandBuiltGraph g = HandBuiltGraph.line(4, 6);
    g.link(0, 0, 2, 4).link(2, 0, 0, 4).link(4, 0, 0, 2);
    g.graph.markDeleted(1, true);
    g.graph.markFree(1);
    g.graph.markDeleted(3, true);
    g.graph.markFree(3);
    int[] order = GorderOrdering.order(g.graph, 0);
    assertEquals(6, Arrays.stream(order).distinct().count());
    assertArrayEquals(new int[] {1, 3}, Arrays.copyOfRange(order, 4, 6), Arrays.toString(order));
  }
}
