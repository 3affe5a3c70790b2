package io.hnsw4j.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The visited set against {@link BitSet} over many searches: what a visit answers (as a boolean
 * or, from {@code visitCount}, as 1 or 0; every node bit of a word, 63 included), what is marked
 * after it, and that a clear forgets everything, including words beyond the first summary word
 * and nodes past the capacity the set started with.
 */
class VisitedSetTest {

  @ParameterizedTest(name = "capacity {0}, {1} nodes, {2} visits per search")
  @CsvSource({"4, 200, 30", "100, 100, 500", "5000, 5000, 40", "5000, 9000, 3000", "300000, 300000, 700"})
  void answersAsABitSetAndForgetsOnClear(int capacity, int nodes, int visitsPerSearch) {
    Random random = new Random(capacity * 31L + nodes);
    VisitedSet visited = new VisitedSet(capacity);
    BitSet expected = new BitSet(nodes);
    for (int search = 0; search < 60; search++) {
      visited.clear();
      for (int node = expected.nextSetBit(0); node >= 0; node = expected.nextSetBit(node + 1)) {
        assertFalse(visited.isVisited(node), "node " + node + " still marked after a clear");
      }
      expected.clear();
      // Some searches stay in one region (few words), others spread over the whole set.
      int spread = search % 3 == 0 ? Math.min(nodes, 256) : nodes;
      int offset = random.nextInt(nodes - spread + 1);
      for (int v = 0; v < visitsPerSearch; v++) {
        int node = offset + random.nextInt(spread);
        if (v % 2 == 0) {
          assertEquals(!expected.get(node), visited.visit(node), "visit of node " + node);
        } else {
          assertEquals(expected.get(node) ? 0 : 1, visited.visitCount(node), "counted visit of node " + node);
        }
        expected.set(node);
        assertTrue(visited.isVisited(node));
      }
      for (int probe = 0; probe < 200; probe++) {
        int node = random.nextInt(nodes);
        assertEquals(expected.get(node), visited.isVisited(node), "node " + node);
      }
    }
  }

  @ParameterizedTest(name = "capacity {0}")
  @CsvSource({"1", "64", "4096"})
  void aNodeBeyondEveryWordSoFarGrowsTheSetAndIsClearedToo(int capacity) {
    VisitedSet visited = new VisitedSet(capacity);
    int far = capacity * 200 + 4097;
    assertFalse(visited.isVisited(far));
    assertTrue(visited.visit(3));
    assertTrue(visited.visit(far));
    assertFalse(visited.visit(far));
    visited.clear();
    assertFalse(visited.isVisited(3));
    assertFalse(visited.isVisited(far));
    assertTrue(visited.visit(far));
    assertEquals(1, visited.visitCount(far + 64 * 5000 + 63));
    assertEquals(0, visited.visitCount(far + 64 * 5000 + 63));
    assertEquals(1, visited.visitCount(far + 64 * 5000));
  }
}
