package io.hnsw4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.Metric;
import io.hnsw4j.cli.CliException;
import io.hnsw4j.cli.bench.AnnLibrary;
import io.hnsw4j.cli.bench.AnnLibrary.BuildRequest;
import io.hnsw4j.cli.bench.AnnLibrary.BuiltIndex;
import io.hnsw4j.cli.bench.AnnLibrary.Searcher;
import io.hnsw4j.cli.bench.BenchRunner;
import io.hnsw4j.cli.progress.Progress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every adapter builds and finds the true neighbours of small seeded data. */
class PeerLibrariesTest {
  private static final int N = 1_000;
  private static final int DIM = 16;

  @ParameterizedTest
  @ValueSource(strings = {"hnsw4j", "hnsw4j-int8", "hnsw4j-mmap", "hnsw4j-int8-mmap", "hnsw4j-bit", "hnsw4j-bit-mmap",
      "hnsw4j-int4", "hnsw4j-int4-mmap", "hnsw4j-int4-patient", "hnsw4j-int4-eps", "hnsw4j-bit-eps", "hnsw4j-saved", "hnsw4j-gorder", "hnsw4j-int8-gorder-mmap", "hnsw4j-funnel-16",
      "hnsw4j-pca-16", "hnsw4j-pca-12-16", "hnsw4j-pca-16-mmap", "lucene",
      "lucene-query", "jvector", "jelmerk", "hnswlib", "usearch", "faiss"})
  void findsTheNearestNeighbours(String name) throws Exception {
    checkRecall(name, Metric.L2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hnsw4j-int8", "hnsw4j-int8-mmap", "hnsw4j-bit", "hnsw4j-bit-mmap", "hnsw4j-int4",
      "hnsw4j-int4-mmap", "lucene", "jvector", "jelmerk", "hnswlib", "usearch", "faiss"})
  void cosineWorksToo(String name) throws Exception {
    checkRecall(name, Metric.COSINE);
  }

  private static void checkRecall(String name, Metric metric) throws Exception {
    float[][] base = SeededVectors.random(N, DIM, 1);
    float[][] queries = SeededVectors.random(30, DIM, 2);
    int[][] truth = SeededVectors.exact(base, queries, 10, metric);
    AnnLibrary library = PeerBench.libraries(List.of(name)).getFirst();
    try (BuiltIndex index = library.build(
        new BuildRequest(base, metric, 16, 100, 42, 2, Progress.silent()))) {
      Searcher searcher = index.searcher();
      int[][] found = new int[queries.length][];
      for (int i = 0; i < queries.length; i++) {
        found[i] = searcher.search(queries[i], 10, 100);
        assertEquals(10, found[i].length, name);
      }
      double recall = BenchRunner.recall(found, truth, 10);
      assertTrue(recall >= 0.9, name + " " + metric + " recall@10 = " + recall);
      checkWork(name, searcher.work(queries[0], 10, 100));
    }
  }

  /** Those that count their walk report a plausible one; the others say they cannot. */
  private static void checkWork(String name, AnnLibrary.SearchWork work) {
    boolean counts = name.startsWith("hnsw4j") || Set.of("jvector", "hnswlib", "usearch").contains(name);
    assertEquals(counts, work.known(), name + " " + work);
    if (counts) {
      // ef 100 over 1,000 rows: at least the beam is scored (unless the search may stop early,
      // then at least k), at most every row plus upper layers.
      boolean stopsEarly = name.endsWith("-patient") || name.endsWith("-eps");
      assertTrue(work.distances() >= (stopsEarly ? 10 : 100) && work.distances() <= N + 100, name + " " + work);
      assertTrue(work.hops() > 0 && work.hops() < work.distances(), name + " " + work);
      assertTrue(work.bytes() > work.distances() * 4, name + " " + work);
    }
  }

  @Test
  void funnelLibrariesAreNamedByTheirPrefixes() {
    assertEquals("hnsw4j-pca-32-128", PeerBench.libraries(List.of("hnsw4j-pca-32-128")).getFirst().name());
    assertEquals("hnsw4j-funnel-64", PeerBench.libraries(List.of("hnsw4j-funnel-64")).getFirst().name());
    assertEquals("hnsw4j-pca-64-mmap", PeerBench.libraries(List.of("hnsw4j-pca-64-mmap")).getFirst().name());
    CliException e = assertThrows(CliException.class, () -> PeerBench.libraries(List.of("hnsw4j-pca-64-32")));
    assertTrue(e.getMessage().contains("bad funnel library 'hnsw4j-pca-64-32'")
        && e.getMessage().contains("strictly increasing"), e.getMessage());
  }

  @Test
  void unknownLibraryIsRejected() {
    CliException e = assertThrows(CliException.class,
        () -> PeerBench.libraries(List.of("scann")));
    assertTrue(e.getMessage().contains("unknown library 'scann'"), e.getMessage());
  }
}
