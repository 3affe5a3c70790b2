package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.TestData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every vector that {@code add} has returned for stays findable: the graph is checked after
 * operations, never after a repair that the test asked for (no {@code compact()} here).
 */
class ChurnReachabilityTest {

  /** Defect: add 1000, remove all (or all but one), add 10; the new ten could not be found. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void removeEverythingThenAdd(int keep) {
    long seed = 5 + keep;
    float[][] data = TestData.clustered(1010, 16, 10, seed);
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(16).seed(seed).build())) {
      for (int i = 0; i < 1000; i++) {
        index.add(i, data[i]);
      }
      for (int i = keep; i < 1000; i++) {
        assertTrue(index.remove(i));
      }
      for (int i = 1000; i < 1010; i++) {
        index.add(i, data[i]);
        assertReachable(index, "seed " + seed + " after adding " + i);
      }
      assertEquals(10 + keep, index.size());
      List<SearchResult> all = index.search(data[1005], index.size(), 10);
      assertEquals(index.size(), all.size(), "seed " + seed + ": a search for k = size " + all);
    }
  }

  /**
   * Seeded churn (adds, updates, removes) checked every 50 operations. Inner product makes hubs
   * that crowd other nodes out of neighbour lists, the hardest case for reachability.
   */
  @ParameterizedTest
  @ValueSource(strings = {"l2", "ip", "cosine"})
  void churnKeepsEveryLiveVectorReachable(String metricName) {
    long seed = 17;
    Metric metric = Metric.byName(metricName);
    int dim = 12;
    float[][] data = TestData.clustered(6000, dim, 30, seed);
    Random random = new Random(seed);
    Set<Long> live = new HashSet<>();
    List<Long> order = new ArrayList<>();
    try (HnswIndex index =
        HnswIndex.create(IndexConfig.builder(dim).metric(metric).m(6).efConstruction(40).seed(seed).build())) {
      for (int op = 0; op < 6000; op++) {
        int choice = random.nextInt(10);
        if (choice < 6 || live.size() < 50) {
          long id = op;
          index.add(id, data[op]);
          live.add(id);
          order.add(id);
        } else if (choice < 8) {
          long id = order.get(random.nextInt(order.size()));
          index.add(id, data[random.nextInt(data.length)]);
          live.add(id);
        } else {
          long id = order.get(random.nextInt(order.size()));
          assertEquals(live.remove(id), index.remove(id));
        }
        if (op % 50 == 49) {
          assertReachable(index, metricName + " seed " + seed + " after op " + op);
        }
      }
      assertEquals(live.size(), index.size());
    }
  }

  /**
   * Writers add, update and remove at once (inner product, the hardest case) while a checker
   * stops them now and then: checkIntegrity waits for the operations in flight, so each check
   * sees the graph as the returned operations left it.
   */
  @Test
  void concurrentChurnIsWholeAtEveryCheck() throws Exception {
    long seed = 29;
    int dim = 12;
    int writers = 3;
    int perWriter = 4000;
    float[][] data = TestData.clustered(writers * perWriter, dim, 30, seed);
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
    int checks = 0;
    try (HnswIndex index = HnswIndex.create(
        IndexConfig.builder(dim).metric(Metric.INNER_PRODUCT).m(6).efConstruction(40).seed(seed).build())) {
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        threads.add(new Thread(() -> {
          Random random = new Random(seed + writer);
          try {
            for (int i = 0; i < perWriter; i++) {
              long id = writer + (long) writers * i;
              index.add(id, data[(int) id]);
              long other = writer + (long) writers * random.nextInt(i + 1);
              switch (random.nextInt(4)) {
                case 0 -> index.remove(other);
                case 1 -> index.add(other, data[random.nextInt(data.length)]);
                default -> { }
              }
            }
          } catch (Throwable t) {
            failures.add(String.valueOf(t));
          }
        }));
      }
      threads.forEach(Thread::start);
      Thread monitor = new Thread(() -> {
        for (Thread t : threads) {
          try {
            t.join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        writing.set(false);
      });
      monitor.start();
      while (writing.get()) {
        IntegrityReport report = index.checkIntegrity();
        checks++;
        if (!report.ok()) {
          failures.add("check " + checks + ": " + report);
        }
        Thread.sleep(20);
      }
      monitor.join();
      IntegrityReport last = index.checkIntegrity();
      if (!last.ok()) {
        failures.add("final: " + last);
      }
    }
    assertTrue(checks >= 5, "only " + checks + " checks ran");
    assertTrue(failures.isEmpty(), "seed " + seed + ", " + checks + " checks: " + failures);
  }

  static void assertReachable(HnswIndex index, String context) {
    IntegrityReport report = index.checkIntegrity();
    assertTrue(report.ok(), context + ": " + report);
  }
}
