package io.hnsw4j.bench.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.Metric;
import io.hnsw4j.bench.SeededVectors;
import io.hnsw4j.cli.bench.AnnLibrary.BuildRequest;
import io.hnsw4j.cli.bench.AnnLibrary.BuiltIndex;
import io.hnsw4j.cli.bench.AnnLibrary.Searcher;
import io.hnsw4j.cli.bench.BenchRunner;
import io.hnsw4j.cli.progress.Progress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The C++ peers (compiled by scripts/build-native-peers.sh into bench-out/native; a missing one
 * fails here with the message that says to run it) build and search seeded data through the
 * same adapter interface as the Java libraries.
 */
class NativePeerLibrariesTest {
  private static final int N = 2_000;
  // Not a multiple of 16: the SIMD kernels' remainder loops run too.
  private static final int DIM = 20;
  private static final int K = 10;
  private static final float[][] BASE = SeededVectors.random(N, DIM, 11);
  private static final float[][] QUERIES = SeededVectors.random(50, DIM, 12);
  private static final Map<Metric, int[][]> TRUTH = Map.of(
      Metric.L2, SeededVectors.exact(BASE, QUERIES, K, Metric.L2),
      Metric.INNER_PRODUCT, SeededVectors.exact(BASE, QUERIES, K, Metric.INNER_PRODUCT),
      Metric.COSINE, SeededVectors.exact(BASE, QUERIES, K, Metric.COSINE));

  /** Recall@10 at ef = 10 of a one-thread build (deterministic), pinned a little below. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      // measured on AVX-512: 0.848, 0.838, 0.894 / 0.868, 0.832, 0.892 / 0.822, 0.818, 0.874
      "hnswlib, L2, 0.83", "hnswlib, INNER_PRODUCT, 0.82", "hnswlib, COSINE, 0.87",
      "usearch, L2, 0.85", "usearch, INNER_PRODUCT, 0.81", "usearch, COSINE, 0.87",
      "faiss, L2, 0.80", "faiss, INNER_PRODUCT, 0.80", "faiss, COSINE, 0.85"})
  void recallAtSmallEfIsPinned(String name, String metricName, double pinned) throws Exception {
    Metric metric = metric(metricName);
    try (BuiltIndex index = build(name, metric, 1)) {
      double recall = recall(index.searcher(), metric, 10);
      assertTrue(recall >= pinned, name + " " + metric + " recall@10 = " + recall);
    }
  }

  /** With ef as large as the data every node is reached, so the answer is the exact one. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"hnswlib, L2", "hnswlib, INNER_PRODUCT", "hnswlib, COSINE", "usearch, L2",
      "usearch, INNER_PRODUCT", "usearch, COSINE", "faiss, L2", "faiss, INNER_PRODUCT",
      "faiss, COSINE"})
  void largeEfGivesTheExactAnswer(String name, String metricName) throws Exception {
    Metric metric = metric(metricName);
    try (BuiltIndex index = build(name, metric, 1)) {
      Searcher searcher = index.searcher();
      for (int q = 0; q < QUERIES.length; q++) {
        assertArrayEquals(TRUTH.get(metric)[q], searcher.search(QUERIES[q], K, N),
            name + " " + metric + " query " + q);
      }
    }
  }

  /** A build on two threads finds the neighbours, and searchers on two threads agree. */
  @ParameterizedTest
  @ValueSource(strings = {"hnswlib", "usearch", "faiss"})
  void twoThreadBuildAndConcurrentSearchers(String name) throws Exception {
    try (BuiltIndex index = build(name, Metric.L2, 2)) {
      Searcher first = index.searcher();
      Searcher second = index.searcher();
      int[][] alone = new int[QUERIES.length][];
      for (int q = 0; q < QUERIES.length; q++) {
        alone[q] = first.search(QUERIES[q], K, 64);
      }
      double recall = BenchRunner.recall(alone, TRUTH.get(Metric.L2), K);
      assertTrue(recall >= 0.97, name + " recall@10 at ef 64 = " + recall);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 20; round++) {
          Future<int[][]> a = pool.submit(() -> searchAll(first));
          Future<int[][]> b = pool.submit(() -> searchAll(second));
          assertArrayEquals(alone, a.get(), name + " round " + round);
          assertArrayEquals(alone, b.get(), name + " round " + round);
        }
      } finally {
        pool.shutdownNow();
      }
      assertTrue(index.memoryBytes() >= (long) N * DIM * Float.BYTES,
          name + " memory " + index.memoryBytes());
    }
  }

  @ParameterizedTest
  @CsvSource({"hnswlib, hnswlib 0.8.0", "usearch, USearch 2.21.4", "faiss, FAISS 1.7.3"})
  void describesTheLibraryAndVersion(String name, String expected) {
    String description = NativePeerLibrary.load(name).describe();
    assertTrue(description.startsWith(expected + " ("), description);
  }

  @Test
  void badQueriesAreRefused() throws Exception {
    try (BuiltIndex index = build("hnswlib", Metric.L2, 1)) {
      Searcher searcher = index.searcher();
      IllegalArgumentException wrongDimension = assertThrows(IllegalArgumentException.class,
          () -> searcher.search(new float[DIM + 1], K, 10));
      assertEquals("query has dimension 21, the index 20", wrongDimension.getMessage());
      IllegalStateException badK = assertThrows(IllegalStateException.class,
          () -> searcher.search(QUERIES[0], 0, 10));
      assertEquals("hnswlib: search failed: k must be >= 1, got 0", badK.getMessage());
      assertEquals(K, searcher.search(QUERIES[0], K, 10).length, "still usable");
    }
  }

  @Test
  void aLibraryThatIsNotBuiltSaysWhichScriptToRun(@TempDir Path empty) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> NativePeer.load("usearch", empty));
    assertEquals("usearch is not built (no " + empty.toAbsolutePath().normalize()
        .resolve("libhnsw4j-peer-usearch.so") + "): run scripts/build-native-peers.sh",
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  private static BuiltIndex build(String name, Metric metric, int threads) throws Exception {
    return NativePeerLibrary.load(name).build(
        new BuildRequest(BASE, metric, 16, 100, 42, threads, Progress.silent()));
  }

  private static double recall(Searcher searcher, Metric metric, int ef) {
    int[][] found = new int[QUERIES.length][];
    for (int q = 0; q < QUERIES.length; q++) {
      found[q] = searcher.search(QUERIES[q], K, ef);
      assertEquals(K, found[q].length);
    }
    return BenchRunner.recall(found, TRUTH.get(metric), K);
  }

  private static int[][] searchAll(Searcher searcher) {
    int[][] found = new int[QUERIES.length][];
    for (int q = 0; q < QUERIES.length; q++) {
      found[q] = searcher.search(QUERIES[q], K, 64);
    }
    return found;
  }

  private static Metric metric(String name) {
    return switch (name) {
      case "L2" -> Metric.L2;
      case "INNER_PRODUCT" -> Metric.INNER_PRODUCT;
      default -> Metric.COSINE;
    };
  }
}
