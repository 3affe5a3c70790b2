package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.graph.GraphInvariants;
import io.hnsw4j.testutil.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Writers (adds and updates) and readers run together; afterwards the index must hold exactly
 * what was written, with recall and graph invariants intact.
 */
class ConcurrencyStressTest {
  private static final int DIM = 24;
  private static final int N = 8000;
  private static final int WRITERS = 4;
  private static final long SEED = 31;

  @Test
  void concurrentAddsUpdatesAndSearches() throws Exception {
    TestData.Split data = TestData.clusteredSplit(N, 100, DIM, 25, SEED);
    float[][] replacements = TestData.clustered(N, DIM, 25, SEED + 1);
    float[][] expected = data.base().clone();
    HnswIndex index = HnswIndex.create(IndexConfig.builder(DIM).m(12).efConstruction(80).initialCapacity(16).build());
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicLong searches = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      threads.add(new Thread(() -> {
        try {
          start.await();
          Random random = new Random(SEED + writer);
          for (int i = writer; i < N; i += WRITERS) {
            index.add(i, data.base()[i]);
            // Now and then update an id this writer owns (ids are partitioned, so the final
            // vector of every id is known).
            if (random.nextInt(4) == 0) {
              int own = writer + WRITERS * random.nextInt(i / WRITERS + 1);
              synchronized (expected) {
                expected[own] = replacements[own];
              }
              index.add(own, replacements[own]);
            }
          }
        } catch (Throwable t) {
          failures.add(t);
        }
      }));
    }
    for (int r = 0; r < 2; r++) {
      int reader = r;
      threads.add(new Thread(() -> {
        try {
          start.await();
          Random random = new Random(SEED + 100 + reader);
          while (writing.get()) {
            float[] q = data.queries()[random.nextInt(data.queries().length)];
            List<SearchResult> hits = index.search(q, 10, 40);
            for (int i = 0; i < hits.size(); i++) {
              SearchResult hit = hits.get(i);
              if (hit.id() < 0 || hit.id() >= N || !Float.isFinite(hit.distance())) {
                throw new AssertionError("bad hit " + hit);
              }
              if (i > 0 && hits.get(i - 1).distance() > hit.distance()) {
                throw new AssertionError("unsorted results " + hits);
              }
            }
            index.contains(random.nextInt(N));
            searches.incrementAndGet();
          }
        } catch (Throwable t) {
          failures.add(t);
        }
      }));
    }
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread t : threads.subList(0, WRITERS)) {
      t.join();
    }
    writing.set(false);
    for (Thread t : threads) {
      t.join();
    }
    assertTrue(failures.isEmpty(), "seed " + SEED + ": " + failures);
    assertTrue(searches.get() > 0);
    assertEquals(N, index.size());
    for (int i = 0; i < N; i += 97) {
      assertEquals(List.of(boxed(expected[i])), List.of(boxed(index.vector(i))), "vector of id " + i);
    }
    index.compact();
    GraphInvariants.Report report = GraphInvariants.check(index.graph());
    assertTrue(report.ok(), "seed " + SEED + ": " + report);
    try (ExactIndex exact = ExactIndex.create(DIM, Metric.L2)) {
      exact.addAll(TestData.sequentialIds(N), expected);
      double recall = TestData.recall(TestData.exact(exact, data.queries(), 10), index.searchBatch(data.queries(), 10, 100, 2), 10);
      assertTrue(recall >= 0.95, "seed " + SEED + ": recall " + recall);
    }
    index.close();
  }

  private static Object boxed(float[] v) {
    return java.util.Arrays.toString(v);
  }
}
