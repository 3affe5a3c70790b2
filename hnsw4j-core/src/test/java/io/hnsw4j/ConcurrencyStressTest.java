package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writers (adds and updates) and readers run together; afterwards the index must hold exactly
 * what was written, with recall and graph invariants intact.
 */
class ConcurrencyStressTest {
  private static final int DIM = 24;
  private static final int N = 8000;
  private static final int WRITERS = 4;
  private static final long SEED = 31;

  /**
   * With 4-bit codes the inserts walk the codes ({@link IndexConfig#buildOnCodes()}), which other
   * writers set as they add; the data is the low-rank kind, since tight clusters are the 4-bit
   * codes' weak case for searches (QuantizationTest).
   */
  @ParameterizedTest
  @EnumSource(value = Quantization.class, names = {"NONE", "INT4"})
  void concurrentAddsUpdatesAndSearches(Quantization quantization) throws Exception {
    boolean codes = quantization != Quantization.NONE;
    TestData.Split data = codes
        ? split(TestData.latent(N + 100, DIM, 8, SEED))
        : TestData.clusteredSplit(N, 100, DIM, 25, SEED);
    float[][] replacements = codes ? TestData.latent(N, DIM, 8, SEED + 1) : TestData.clustered(N, DIM, 25, SEED + 1);
    float[][] expected = data.base().clone();
    HnswIndex index = HnswIndex.create(
        IndexConfig.builder(DIM).m(12).efConstruction(80).initialCapacity(16).quantization(quantization).build());
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
    // Every vector is reachable when the writes return, before any repair is asked for.
    IntegrityReport report = index.checkIntegrity();
    assertTrue(report.ok(), "seed " + SEED + ": " + report);
    index.compact();
    report = index.checkIntegrity();
    assertTrue(report.ok(), "seed " + SEED + " after compact: " + report);
    try (ExactIndex exact = ExactIndex.create(DIM, Metric.L2)) {
      exact.addAll(TestData.sequentialIds(N), expected);
      double recall = TestData.recall(TestData.exact(exact, data.queries(), 10), index.searchBatch(data.queries(), 10, 100, 2), 10);
      System.out.printf(java.util.Locale.ROOT, "ConcurrencyStressTest %s: recall %.4f at ef 100%n", quantization, recall);
      assertTrue(recall >= 0.95, "seed " + SEED + ", " + quantization + ": recall " + recall);
    }
    index.close();
  }

  private static TestData.Split split(float[][] all) {
    return new TestData.Split(
        java.util.Arrays.copyOf(all, N), java.util.Arrays.copyOfRange(all, N, all.length));
  }

  @Test
  void concurrentAddsRemovesUpdatesAndSearches() throws Exception {
    long seed = SEED + 7;
    TestData.Split data = TestData.clusteredSplit(N, 100, DIM, 25, seed);
    float[][] replacements = TestData.clustered(N, DIM, 25, seed + 1);
    HnswIndex index = HnswIndex.create(IndexConfig.builder(DIM).m(12).efConstruction(80).build());
    // Each writer owns the ids congruent to its number, so the final state is known exactly.
    @SuppressWarnings("unchecked")
    java.util.Map<Long, float[]>[] owned = new java.util.Map[WRITERS];
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      owned[w] = new java.util.HashMap<>();
      threads.add(new Thread(() -> {
        try {
          start.await();
          Random random = new Random(seed + writer);
          java.util.Map<Long, float[]> mine = owned[writer];
          for (int i = writer; i < N; i += WRITERS) {
            index.add(i, data.base()[i]);
            mine.put((long) i, data.base()[i]);
            if (random.nextInt(3) == 0) {
              long victim = writer + (long) WRITERS * random.nextInt(i / WRITERS + 1);
              if (index.remove(victim) != (mine.remove(victim) != null)) {
                throw new AssertionError("remove of " + victim + " disagrees with the model");
              }
            }
            if (random.nextInt(5) == 0 && !mine.isEmpty()) {
              long target = writer + (long) WRITERS * random.nextInt(i / WRITERS + 1);
              index.add(target, replacements[(int) target]);
              mine.put(target, replacements[(int) target]);
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
          Random random = new Random(seed + 100 + reader);
          while (writing.get()) {
            List<SearchResult> hits = index.search(data.queries()[random.nextInt(100)], 10, 40, id -> id % 3 != 0);
            for (int i = 1; i < hits.size(); i++) {
              if (hits.get(i - 1).distance() > hits.get(i).distance() || hits.get(i).id() % 3 == 0) {
                throw new AssertionError("bad results " + hits);
              }
            }
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
    assertTrue(failures.isEmpty(), "seed " + seed + ": " + failures);
    java.util.Map<Long, float[]> live = new java.util.HashMap<>();
    for (java.util.Map<Long, float[]> part : owned) {
      live.putAll(part);
    }
    assertEquals(live.size(), index.size());
    IntegrityReport report = index.checkIntegrity();
    assertTrue(report.ok(), "seed " + seed + ": " + report);
    index.compact();
    report = index.checkIntegrity();
    assertTrue(report.ok(), "seed " + seed + " after compact: " + report);
    long[] ids = live.keySet().stream().mapToLong(Long::longValue).toArray();
    float[][] vectors = new float[ids.length][];
    for (int i = 0; i < ids.length; i++) {
      vectors[i] = live.get(ids[i]);
      if (i % 50 == 0) {
        assertEquals(boxed(vectors[i]), boxed(index.vector(ids[i])));
      }
    }
    try (ExactIndex exact = ExactIndex.create(DIM, Metric.L2)) {
      exact.addAll(ids, vectors);
      List<List<SearchResult>> found = index.searchBatch(data.queries(), 10, 100, 2);
      for (List<SearchResult> hits : found) {
        for (SearchResult hit : hits) {
          assertTrue(live.containsKey(hit.id()), "removed id " + hit.id() + " returned");
        }
      }
      double recall = TestData.recall(TestData.exact(exact, data.queries(), 10), found, 10);
      assertTrue(recall >= 0.95, "seed " + seed + ": recall " + recall);
    }
    index.close();
  }

  /**
   * One id flips between two vectors while readers search for it: every distance a reader sees
   * is that of one of the two (a vector half overwritten would give another). Counts what the
   * readers see during the writes.
   */
  @Test
  void updatesNeverExposeAHalfWrittenVector() throws Exception {
    int dim = 1024;
    float[] zeros = new float[dim];
    float[] ones = new float[dim];
    java.util.Arrays.fill(ones, 1f);
    float[][] others = TestData.clustered(200, dim, 4, SEED);
    HnswIndex index = HnswIndex.create(IndexConfig.builder(dim).m(8).efConstruction(40).maxDeletedFraction(0.3).build());
    index.addAll(TestData.sequentialIds(200), others, 2);
    index.add(1_000, zeros);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong seen = new AtomicLong();
    ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      readers.add(new Thread(() -> {
        while (writing.get()) {
          for (SearchResult hit : index.search(zeros, 3, 20, id -> id == 1_000)) {
            seen.incrementAndGet();
            if (hit.distance() != 0f && hit.distance() != dim) {
              torn.add(String.valueOf(hit));
            }
          }
        }
      }));
    }
    readers.forEach(Thread::start);
    for (int i = 0; i < 3000; i++) {
      index.add(1_000, i % 2 == 0 ? ones : zeros);
    }
    writing.set(false);
    for (Thread t : readers) {
      t.join();
    }
    assertTrue(seen.get() > 100, "readers saw only " + seen.get() + " hits");
    assertTrue(torn.isEmpty(), torn.size() + " of " + seen.get() + " hits had a distance of neither vector: " + torn.peek());
    assertEquals(201, index.size());
    IntegrityReport report = index.checkIntegrity();
    assertTrue(report.ok(), report.toString());
    index.close();
  }

  private static Object boxed(float[] v) {
    return java.util.Arrays.toString(v);
  }
}
