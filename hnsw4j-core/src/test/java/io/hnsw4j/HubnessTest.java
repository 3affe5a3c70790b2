package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HubnessTest {

  /** A star: every point's nearest neighbour is point 0, whose own is point 1. */
  @Test
  void starByHand() {
    int[][] lists = {{1}, {0}, {0}, {0}, {0}};
    // N_1 = [4, 1, 0, 0, 0]: mean 1, deviations [3, 0, -1, -1, -1];
    // m2 = 12 / 5, m3 = 24 / 5, skewness = m3 / m2^1.5.
    Hubness h = Hubness.of(lists);
    assertEquals(1, h.k());
    assertEquals(5, h.points());
    assertEquals((24.0 / 5) / Math.pow(12.0 / 5, 1.5), h.skewness(), 1e-12);
    assertEquals(1.2909944487358056, h.skewness(), 1e-12);
    assertEquals(4, h.maxOccurrence());
    assertEquals(0.6, h.antiHubFraction(), 1e-12);
  }

  /** A ring where each point's two neighbours are the points beside it: no hubs at all. */
  @Test
  void ringHasNoHubness() {
    int n = 10;
    int[][] lists = new int[n][];
    for (int i = 0; i < n; i++) {
      lists[i] = new int[] {(i + 1) % n, (i + n - 1) % n};
    }
    Hubness h = Hubness.of(lists);
    assertEquals(new Hubness(2, 10, 0, 2, 0), h);
  }

  @Test
  void badListsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hubness.of(new int[][] {{1}, {2}}));
    assertTrue(e.getMessage().contains("neighbours[1] names 2, outside 0..1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Hubness.of(new int[0][]));
    assertThrows(IllegalArgumentException.class, () -> Hubness.of(new int[][] {{1}, null}));
  }
}
