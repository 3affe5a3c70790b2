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
  }
}
