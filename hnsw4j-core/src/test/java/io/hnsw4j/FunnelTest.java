package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Funnel search: exact when the prefix is the whole vector, recall on prefix-friendly data, files. */
class FunnelTest {
  private static final int N = 3000;
  private static final int QUERIES = 100;
  private static final int DIM = 64;
  private static final int K = 10;
  private static final int EF = 64;

  /**
   * Gaussian vectors whose component j is scaled by 0.9^j: the leading components carry most of
   * the variance (the first 16 about 97%), as in an embedding trained Matryoshka-style. Measured
   * recall@10 at ef 64: 0.999 for the full index and for a prefix of 16, 1.0 for the cascade 12, 32;
   * after a random rotation, a prefix of 16 falls to 0.79 (L2) and 0.76 (cosine), PCA 16 gives 0.999.
   */
  static TestData.Split matryoshkaLike(long seed) {
    TestData.Split split = TestData.clusteredSplit(N, QUERIES, DIM, 1, seed);
    for (float[][] rows : List.of(split.base(), split.queries())) {
      for (float[] v : rows) {
        for (int j = 0; j < DIM; j++) {
          v[j] *= (float) Math.pow(0.9, j);
        }
      }
    }
    return split;
  }

  /** The same data turned by a seeded random rotation: no prefix is special any more. */
  static TestData.Split rotated(TestData.Split split, long seed) {
    float[][] q = randomOrthogonal(DIM, seed);
    return new TestData.Split(multiply(q, split.base()), multiply(q, split.queries()));
  }

  @Test
  void aPrefixAsLongAsTheVectorSearchesExactlyAsTheFullIndex() {
    TestData.Split data = TestData.clusteredSplit(1500, 50, 24, 10, 3);
    for (Metric metric : List.of(Metric.L2, Metric.COSINE, Metric.INNER_PRODUCT)) {
      IndexConfig plain = IndexConfig.builder(24).metric(metric).m(8).efConstruction(60).seed(5).build();
      try (HnswIndex full = build(plain, data.base());
          HnswIndex funnel = build(plain.toBuilder().funnel(Funnel.of(24)).build(), data.base())) {
        for (float[] q : data.queries()) {
          assertEquals(full.search(q, K, 40), funnel.search(q, K, 40), metric.name());
        }
      }
    }
  }

  @Test
  void prefixFunnelKeepsRecallOnMatryoshkaLikeData() {
    TestData.Split data = matryoshkaLike(11);
    IndexConfig plain = IndexConfig.builder(DIM).m(16).efConstruction(100).build();
    double full = recall(plain, data);
    double prefix16 = recall(plain.toBuilder().funnel(Funnel.of(16)).build(), data);
    double cascade = recall(plain.toBuilder().funnel(Funnel.of(12, 32)).build(), data);
    assertTrue(full >= 0.98, "full " + full);
    assertTrue(prefix16 >= full - 0.02, "prefix 16: " + prefix16 + " vs full " + full);
    assertTrue(cascade >= full - 0.02, "prefixes 12,32: " + cascade + " vs full " + full);
  }

  @Test
  void pcaRecoversThePrefixesThatARotationHid() {
    TestData.Split data = rotated(matryoshkaLike(11), 99);
    for (Metric metric : List.of(Metric.L2, Metric.COSINE)) {
      IndexConfig plain = IndexConfig.builder(DIM).metric(metric).m(16).efConstruction(100).build();
      double full = recall(plain, data);
      double prefix = recall(plain.toBuilder().funnel(Funnel.of(16)).build(), data);
      double pca = recall(plain.toBuilder().funnel(Funnel.pca(16)).build(), data);
      assertTrue(pca >= full - 0.02, metric + ": pca " + pca + " vs full " + full);
      assertTrue(prefix < pca - 0.1, metric + ": the rotated prefix " + prefix + " vs pca " + pca);
    }
  }

  @Test
  void savedFunnelsAnswerTheSameOnTheHeapAndMapped(@TempDir Path dir) throws IOException {
    TestData.Split data = rotated(matryoshkaLike(4), 7);
    for (Funnel funnel : List.of(Funnel.of(8, 24), Funnel.pca(16), Funnel.pca(8, 16, 40))) {
      IndexConfig config = IndexConfig.builder(DIM).metric(Metric.COSINE).m(12).funnel(funnel).build();
      Path file = dir.resolve("funnel.hnsw");
      try (HnswIndex built = build(config, data.base())) {
        built.save(file);
        assertEquals(2, Files.readAllBytes(file)[8], "a funnel is written as format version 2");
        List<List<SearchResult>> expected = built.searchBatch(data.queries(), K, EF, 1);
        for (OpenOptions options : List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED)) {
          try (HnswIndex opened = HnswIndex.open(file, options)) {
            assertEquals(funnel, opened.config().funnel());
            assertEquals(expected, opened.searchBatch(data.queries(), K, EF, 1), funnel + " " + options);
            assertEquals(built.vector(5).length, opened.vector(5).length);
            assertTrue(opened.checkIntegrity().ok());
          }
        }
      }
    }
  }

  @Test
  void anIndexWithoutAFunnelIsStillWrittenAsVersion1(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("plain.hnsw");
    try (HnswIndex index = build(IndexConfig.builder(DIM).build(), matryoshkaLike(1).base())) {
      index.save(file);
    }
    assertEquals(1, Files.readAllBytes(file)[8]);
  }

  @Test
  void vectorsComeBackAsGivenAndChangesKeepTheCopies() {
    TestData.Split data = matryoshkaLike(8);
    IndexConfig config = IndexConfig.builder(DIM).funnel(Funnel.pca(16, 32)).maxDeletedFraction(0.05).build();
    try (HnswIndex index = build(config, data.base())) {
      assertEquals(List.of(data.base()[3].clone()).getFirst().length, index.vector(3).length);
      org.junit.jupiter.api.Assertions.assertArrayEquals(data.base()[3], index.vector(3));
      for (int i = 0; i < 400; i++) {
        index.remove(i); // passes maxDeletedFraction: compactions run on the prefix graph
      }
      index.add(10_000, data.queries()[0]);
      assertEquals(10_000, index.search(data.queries()[0], 1).getFirst().id());
      assertEquals(0f, index.search(data.queries()[0], 1).getFirst().distance(), 1e-4f);
      assertTrue(index.checkIntegrity().ok());
    }
  }

  static HnswIndex build(IndexConfig config, float[][] base) {
    HnswIndex index = HnswIndex.create(config);
    index.addAll(TestData.sequentialIds(base.length), base, 1);
    return index;
  }

  static double recall(IndexConfig config, TestData.Split data) {
    try (HnswIndex index = build(config, data.base());
        ExactIndex exact = ExactIndex.create(config.dimension(), config.metric())) {
      exact.addAll(TestData.sequentialIds(data.base().length), data.base(), 1);
      return TestData.recall(
          TestData.exact(exact, data.queries(), K), index.searchBatch(data.queries(), K, EF, 2), K);
    }
  }

  /** A seeded random orthogonal matrix. */
  static float[][] randomOrthogonal(int dim, long seed) {
    double[][] rows = Subspace.orthonormal(dim, dim, new SplittableRandom(seed));
    float[][] out = new float[dim][dim];
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < dim; j++) {
        out[i][j] = (float) rows[i][j];
      }
    }
    return out;
  }

  static float[][] multiply(float[][] matrix, float[][] vectors) {
    float[][] out = new float[vectors.length][matrix.length];
    for (int v = 0; v < vectors.length; v++) {
      for (int i = 0; i < matrix.length; i++) {
        double sum = 0;
        for (int j = 0; j < vectors[v].length; j++) {
          sum += (double) matrix[i][j] * vectors[v][j];
        }
        out[v][i] = (float) sum;
      }
    }
    return out;
  }
}
