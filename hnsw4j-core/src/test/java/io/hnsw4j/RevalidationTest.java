package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A search that overlaps a change to a node it already scored must not report the node's old
 * distance under its new id (or an old id at all). The change is forced at a known moment: the
 * filter, which the search calls per node, makes it from inside the search.
 */
class RevalidationTest {

  @Test
  void aSlotReusedDuringTheSearchIsRescoredUnderItsNewId() throws Exception {
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(2).build())) {
      index.add(1, new float[] {0, 0});
      index.add(2, new float[] {10, 10});
      index.add(3, new float[] {20, 20});
      AtomicBoolean changed = new AtomicBoolean();
      // Three nodes: the filtered search scans them in slot order, so node 0 (id 1, at the
      // query) is scored before the filter sees id 3 and changes the index.
      List<SearchResult> hits = index.search(new float[] {0, 0}, 3, 10, id -> {
        if (id == 3 && changed.compareAndSet(false, true)) {
          runElsewhere(() -> {
            index.remove(1); // a third of the nodes removed: compacts, so slot 0 is free
            index.add(4, new float[] {100, 100}); // takes slot 0
          });
        }
        return true;
      });
      assertEquals(List.of(new SearchResult(2, 200), new SearchResult(3, 800), new SearchResult(4, 20000)), hits);
    }
  }

  @Test
  void anUpdateDuringTheSearchNeverGivesTheIdTwice() throws Exception {
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(2).maxDeletedFraction(1).build())) {
      index.add(1, new float[] {0, 0});
      index.add(2, new float[] {10, 10});
      index.add(3, new float[] {20, 20});
      AtomicBoolean changed = new AtomicBoolean();
      List<SearchResult> hits = index.search(new float[] {0, 0}, 5, 10, id -> {
        if (id == 3 && changed.compareAndSet(false, true)) {
          runElsewhere(() -> index.add(1, new float[] {1, 1})); // id 1 moves to a new node
        }
        return true;
      });
      // Whatever the search saw of the old and new node of id 1, it reports id 1 once, where it is now.
      assertEquals(List.of(new SearchResult(1, 2), new SearchResult(2, 200), new SearchResult(3, 800)), hits);
    }
  }

  private static void runElsewhere(Runnable change) {
    Thread t = new Thread(change);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
