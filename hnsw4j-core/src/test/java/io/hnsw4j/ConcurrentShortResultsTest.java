package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Searches that run while vectors are added must still return k results whenever k vectors were
 * in the index before the search began. Counts what readers see during the writes, for the float
 * index and for the traversal copies (int8, 1-bit and 4-bit codes, a funnel's prefixes), which
 * writers fill and grow beside the floats while readers walk them.
 */
class ConcurrentShortResultsTest {
  private static final long SEED = 23;
  private static final int DIM = 32;
  private static final int N = 30_000;
  private static final int WRITERS = 2;
  private static final int READERS = 2;
  private static final int PACE_EVERY = 500;
  private static final int PACE_SEARCHES = 100;

  @ParameterizedTest
  @ValueSource(strings = {"floats", "int8", "binary", "int4", "funnel"})
  void searchesDuringAddsNeverComeBackShort(String traversal) throws Exception {
    float[][] data = TestData.clustered(N + 200, DIM, 40, SEED);
    IndexConfig.Builder config = IndexConfig.builder(DIM).m(8).efConstruction(40).seed(SEED);
    switch (traversal) {
      case "int8" -> config.quantization(Quantization.INT8);
      case "binary" -> config.quantization(Quantization.BINARY);
      case "int4" -> config.quantization(Quantization.INT4);
      case "funnel" -> config.funnel(Funnel.of(16));
      default -> { }
    }
    HnswIndex index = HnswIndex.create(config.build());
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong searches = new AtomicLong();
    AtomicLong shortResults = new AtomicLong();
    List<String> examples = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      threads.add(new Thread(() -> {
        try {
          start.await();
          for (int i = writer; i < N; i += WRITERS) {
            index.add(i, data[i]);
            awaitReaders(i, searches, failures);
          }
        } catch (Throwable t) {
          failures.add(t);
        }
      }));
    }
    for (int r = 0; r < READERS; r++) {
      int reader = r;
      threads.add(new Thread(() -> {
        try {
          start.await();
          Random random = new Random(SEED + reader);
          while (writing.get()) {
            int before = index.size();
            List<SearchResult> hits = index.search(data[N + random.nextInt(200)], 10, 50);
            searches.incrementAndGet();
            // Adds still running when the search starts may or may not be seen; the ones counted
            // by size() before it began must be.
            if (hits.size() < Math.min(10, before)) {
              shortResults.incrementAndGet();
              if (examples.size() < 5) {
                examples.add(hits.size() + " results with " + before + " vectors");
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
    assertTrue(failures.isEmpty(), traversal + ", seed " + SEED + ": " + failures);
    assertTrue(searches.get() >= (long) (N - 1) / PACE_EVERY * PACE_SEARCHES, "only " + searches.get() + " searches ran");
    assertEquals(0, shortResults.get(),
        traversal + ", seed " + SEED + ": " + shortResults.get() + " of " + searches.get() + " searches came back short, e.g. " + examples);
    assertEquals(N, index.size());
    index.close();
  }

  /**
   * Paces the writers so that the readers search all through the adds, however loaded the
   * machine: after every {@link #PACE_EVERY} adds, a writer waits until the readers have run
   * {@link #PACE_SEARCHES} more searches.
   */
  private static void awaitReaders(int added, AtomicLong searches, List<Throwable> failures) {
    long wanted = (long) added / PACE_EVERY * PACE_SEARCHES;
    while (searches.get() < wanted && failures.isEmpty()) {
      Thread.yield(); // the readers need the cores more than a waiting writer
    }
  }
}
