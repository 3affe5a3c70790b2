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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every adapter builds and finds the true neighbours of small seeded data. */
class PeerLibrariesTest {
  private static final int N = 1_000;
  private static final int DIM = 16;

  @ParameterizedTest
  @ValueSource(strings = {"hnsw4j", "lucene", "lucene-query", "jvector", "jelmerk"})
  void findsTheNearestNeighbours(String name) throws Exception {
    checkRecall(name, Metric.L2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lucene", "jvector", "jelmerk"})
  void cosineWorksToo(String name) throws Exception {
    checkRecall(name, Metric.COSINE);
  }

  private static void checkRecall(String name, Metric metric) throws Exception {
    float[][] base = random(N, 1);
    float[][] queries = random(30, 2);
    int[][] truth = exact(base, queries, 10, metric);
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
    }
  }

  @Test
  void unknownLibraryIsRejected() {
    CliException e = assertThrows(CliException.class,
        () -> PeerBench.libraries(List.of("faiss")));
    assertTrue(e.getMessage().contains("unknown library 'faiss'"), e.getMessage());
  }

  private static float[][] random(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] out = new float[n][DIM];
    for (float[] row : out) {
      for (int j = 0; j < DIM; j++) {
        row[j] = (float) random.nextDouble(-1, 1);
      }
    }
    return out;
  }

  /** Brute force, independent of every library under test. */
  private static int[][] exact(float[][] base, float[][] queries, int k, Metric metric) {
    int[][] out = new int[queries.length][k];
    for (int q = 0; q < queries.length; q++) {
      double[] d = new double[base.length];
      for (int i = 0; i < base.length; i++) {
        double dot = 0;
        double l2 = 0;
        double nb = 0;
        double nq = 0;
        for (int j = 0; j < DIM; j++) {
          double x = base[i][j];
          double y = queries[q][j];
          dot += x * y;
          l2 += (x - y) * (x - y);
          nb += x * x;
          nq += y * y;
        }
        d[i] = metric == Metric.L2 ? l2 : 1 - dot / Math.sqrt(nb * nq);
      }
      Integer[] order = new Integer[base.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
      for (int i = 0; i < k; i++) {
        out[q][i] = order[i];
      }
    }
    return out;
  }
}
