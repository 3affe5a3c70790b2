package io.hnsw4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdMapTest {
  @Test
  void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
    Random random = new Random(8);
    IdMap map = new IdMap(6);
    Map<Long, Integer> reference = new HashMap<>();
    int nextOrdinal = 0;
    for (int step = 0; step < 50_000; step++) {
      long id = random.nextInt(3000) - 1500L * (random.nextBoolean() ? 1 : 1_000_000_000L);
      if (random.nextInt(3) == 0) {
        Integer expected = reference.remove(id);
        assertEquals(expected == null ? -1 : expected, map.remove(id));
      } else if (!reference.containsKey(id)) {
        reference.put(id, nextOrdinal);
        map.put(id, nextOrdinal++);
      }
      if (step % 1000 == 0) {
        for (var e : reference.entrySet()) {
          assertEquals(e.getValue(), map.ordinalOf(e.getKey()));
        }
      }
      assertEquals(reference.size(), map.size());
    }
    assertEquals(reference.size(), map.snapshotIds().length);
    // The single table an index file stores finds every id by probing from slotOf.
    int[] table = map.table();
    assertEquals(0, Integer.bitCount(table.length) - 1);
    assertEquals(true, table.length > 2 * reference.size());
    for (var e : reference.entrySet()) {
      int slot = IdMap.slotOf(e.getKey(), table.length - 1);
      while (table[slot] != 0 && map.idOf(table[slot] - 1) != e.getKey()) {
        slot = (slot + 1) & (table.length - 1);
      }
      assertEquals(e.getValue() + 1, table[slot], "id " + e.getKey());
    }
  }

  @Test
  void rebindMovesAnIdAndReserveHidesANewOne() {
    IdMap map = new IdMap(6);
    map.put(7, 0);
    map.reserve(1, 7);
    assertEquals(0, map.ordinalOf(7));
    assertEquals(7, map.idOf(1));
    map.rebind(7, 1);
    assertEquals(1, map.ordinalOf(7));
    assertEquals(1, map.size());
    map.reserve(2, 9);
    assertEquals(-1, map.ordinalOf(9));
    assertEquals(1, map.remove(7));
    assertEquals(0, map.size());
  }
}
