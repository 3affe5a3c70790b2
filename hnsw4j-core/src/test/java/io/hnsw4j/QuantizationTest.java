package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.IndexBytes;
import io.hnsw4j.testutil.TestData;
import io.hnsw4j.vector.CentredCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Quantized traversal keeps recall within a point of the float index (int8 and int4 at the same
 * ef, 1-bit codes at four times the ef), returns exact distances (the candidates are reranked with the
 * floats), and survives a save and an open, on the heap and memory-mapped.
 */
class QuantizationTest {
  private static final int N = 10_000;
  private static final int QUERIES = 200;

  @ParameterizedTest(name = "dim {0} {1}")
  @CsvSource({"64, l2, 21", "100, cosine, 22", "64, ip, 23"})
  void int8TraversalKeepsRecallWithinAPoint(int dim, String metricName, long seed, @TempDir Path dir) throws IOException {
    TestData.Split data = TestData.clusteredSplit(N, QUERIES, dim, 20, seed);
    checkRecallAndReopen(Quantization.INT8, 1, 0.01, Metric.byName(metricName), seed, data, dir);
  }

  /**
   * 1-bit estimates rank coarsely, so the search needs a larger ef: at four times the float
   * index's ef (its candidates all reranked with the floats) the recall is within a point of it.
   * The data is embedding-like ({@link TestData#latent}); the codes are centred on one centroid,
   * so tight clusters far from it are their weak case (on {@link TestData#clustered} data of 20
   * clusters, 4x the ef gives 0.2-0.4 against 0.9).
   */
  @ParameterizedTest(name = "dim {0} {1}")
  @CsvSource({"64, l2, 31", "100, cosine, 32", "64, ip, 33"})
  void binaryTraversalAtFourTimesTheEfKeepsRecallWithinAPoint(int dim, String metricName, long seed, @TempDir Path dir)
      throws IOException {
    float[][] all = TestData.latent(N + QUERIES, dim, 24, seed);
    TestData.Split data = new TestData.Split(Arrays.copyOf(all, N), Arrays.copyOfRange(all, N, N + QUERIES));
    checkRecallAndReopen(Quantization.BINARY, 4, 0.01, Metric.byName(metricName), seed, data, dir);
  }

  /**
   * 4-bit codes at the same ef as the float index: within two points of its recall on
   * embedding-like data (a point or less in most cases), for L2, cosine and inner product, odd
   * dimensions included. Centred on one centroid as
   * the 1-bit codes are, they share their weak case: on the 20 tight clusters of {@link
   * TestData#clustered} int4 keeps 0.40 at ef 20 against 0.93 (0.99 only at ef 320).
   */
  @ParameterizedTest(name = "dim {0} {1}")
  @CsvSource({"64, l2, 41", "100, cosine, 42", "64, ip, 43", "33, l2, 44", "101, cosine, 45"})
  void int4TraversalKeepsRecallWithinAPoint(int dim, String metricName, long seed, @TempDir Path dir) throws IOException {
    float[][] all = TestData.latent(N + QUERIES, dim, 24, seed);
    TestData.Split data = new TestData.Split(Arrays.copyOf(all, N), Arrays.copyOfRange(all, N, N + QUERIES));
    checkRecallAndReopen(Quantization.INT4, 1, 0.02, Metric.byName(metricName), seed, data, dir);
  }

  /**
   * Recall@10 of the quantized index at {@code efFactor} times the ef of the float index, at ef
   * 20 and 80, within {@code margin} of the float index's; then the same answers after a save and an
   * open in both modes (the file holds the codes and, for 1-bit and 4-bit codes, their centroid).
   */
  private static void checkRecallAndReopen(
      Quantization mode, int efFactor, double margin, Metric metric, long seed, TestData.Split data, Path dir)
      throws IOException {
    int dim = data.base()[0].length;
    IndexConfig floats = IndexConfig.builder(dim).metric(metric).m(12).efConstruction(60).seed(seed).build();
    long[] ids = TestData.sequentialIds(N);
    try (HnswIndex plain = HnswIndex.create(floats);
        HnswIndex quantized = HnswIndex.create(floats.toBuilder().quantization(mode).build());
        ExactIndex exact = ExactIndex.create(dim, metric)) {
      plain.addAll(ids, data.base(), 1);
      quantized.addAll(ids, data.base(), 1);
      exact.addAll(ids, data.base());
      List<List<SearchResult>> truth = TestData.exact(exact, data.queries(), 10);
      for (int ef : new int[] {20, 80}) {
        double recallFloat = TestData.recall(truth, plain.searchBatch(data.queries(), 10, ef, 2), 10);
        List<List<SearchResult>> found = quantized.searchBatch(data.queries(), 10, efFactor * ef, 2);
        double recallQuantized = TestData.recall(truth, found, 10);
        System.out.printf(Locale.ROOT, "QuantizationTest %s dim %d %s: float %.4f at ef %d, quantized %.4f at ef %d%n",
            mode, dim, metric.name(), recallFloat, ef, recallQuantized, efFactor * ef);
        assertTrue(recallQuantized >= recallFloat - margin,
            "seed " + seed + ", ef " + ef + ": " + mode + " " + recallQuantized + " against float " + recallFloat);
        assertExactDistances(exact, data.queries(), found);
      }
      Path file = dir.resolve("q.hnsw");
      quantized.save(file);
      for (OpenOptions options : List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED)) {
        try (HnswIndex reopened = HnswIndex.open(file, options)) {
          assertEquals(mode, reopened.config().quantization());
          assertEquals(quantized.searchBatch(data.queries(), 10, 40, 1), reopened.searchBatch(data.queries(), 10, 40, 1),
              options.toString());
          assertTrue(reopened.checkIntegrity().ok());
        }
      }
    }
  }

  /** Every reported distance is the exact one (the reranking's), not the codes' estimate. */
  private static void assertExactDistances(ExactIndex exact, float[][] queries, List<List<SearchResult>> found) {
    for (int q = 0; q < queries.length; q += 25) {
      for (SearchResult hit : found.get(q)) {
        List<SearchResult> one = exact.search(queries[q], 1, 1, id -> id == hit.id());
        assertEquals(one.getFirst().distance(), hit.distance(), 1e-4f * Math.max(1, Math.abs(hit.distance())));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Quantization.class, names = {"INT8", "BINARY", "INT4"})
  void customMetricsCannotBeQuantized(Quantization mode) {
    Metric manhattan = Metric.custom("manhattan", (a, b) -> {
      float s = 0;
      for (int i = 0; i < a.length; i++) {
        s += Math.abs(a[i] - b[i]);
      }
      return s;
    });
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IndexConfig.builder(4).metric(manhattan).quantization(mode).build());
    assertTrue(e.getMessage().contains("manhattan") && e.getMessage().contains(mode.name()), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = Quantization.class, names = {"BINARY", "INT4"})
  void aFunnelCannotBeQuantizedToBits(Quantization mode) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IndexConfig.builder(16).funnel(Funnel.of(8)).quantization(mode).build());
    assertTrue(e.getMessage().contains("a funnel and quantization " + mode + " cannot be combined"), e.getMessage());
  }

  /**
   * Vectors added one at a time before any batch: 1-bit and 4-bit codes then centre on the
   * origin; each vector is still found at distance 0, and again after a save and an open, which
   * read back the origin as the centroid, both ways.
   */
  @ParameterizedTest
  @EnumSource(value = Quantization.class, names = {"BINARY", "INT4"})
  void centredCodesWithoutAFirstBatch(Quantization mode, @TempDir Path dir) throws IOException {
    float[][] data = TestData.latent(1000, 32, 8, 7);
    Path file = dir.resolve("single.hnsw");
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(32).quantization(mode).seed(7).build())) {
      for (int i = 0; i < data.length; i++) {
        index.add(i, data[i]);
      }
      assertFindsEach(index, data);
      index.save(file);
    }
    for (OpenOptions options : List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED)) {
      try (HnswIndex reopened = HnswIndex.open(file, options)) {
        assertArrayEquals(new float[32], ((CentredCodes) reopened.traversal()).centroid(), options.toString());
        assertFindsEach(reopened, data);
      }
    }
  }

  private static void assertFindsEach(HnswIndex index, float[][] data) {
    for (int i = 0; i < data.length; i += 10) {
      SearchResult hit = index.search(data[i], 1, 40).getFirst();
      assertEquals(i, hit.id());
      assertEquals(0f, hit.distance(), 1e-6f);
    }
  }

  /**
   * The centroid pays: 4-bit codes around the origin (an index built by adds) spend their 16
   * levels on the data's offset, and recall at ef 20 rises when the codes are centred on the mean
   * of a first batch (the same vectors in the same order on one thread: the same graph, only the
   * codes differ). The data sit around a 16-dimensional subspace far from the origin ({@link
   * Subspace}). A save and an open keep the origin: the file holds the centroid.
   */
  @Test
  void int4CodesRecallMoreOnceCentred(@TempDir Path dir) throws IOException {
    float[][] all = Subspace.gaussian(N + QUERIES, 16, 48, 46);
    TestData.Split data = new TestData.Split(Arrays.copyOf(all, N), Arrays.copyOfRange(all, N, N + QUERIES));
    IndexConfig config = IndexConfig.builder(48).metric(Metric.L2).m(12).efConstruction(60).seed(46)
        .quantization(Quantization.INT4).build();
    try (HnswIndex byAdds = HnswIndex.create(config);
        HnswIndex batched = HnswIndex.create(config);
        ExactIndex exact = ExactIndex.create(48, Metric.L2)) {
      for (int i = 0; i < N; i++) {
        byAdds.add(i, data.base()[i]);
      }
      batched.addAll(TestData.sequentialIds(N), data.base(), 1);
      exact.addAll(TestData.sequentialIds(N), data.base());
      List<List<SearchResult>> truth = TestData.exact(exact, data.queries(), 10);
      List<List<SearchResult>> aroundOrigin = byAdds.searchBatch(data.queries(), 10, 20, 2);
      List<List<SearchResult>> found = batched.searchBatch(data.queries(), 10, 20, 2);
      double origin = TestData.recall(truth, aroundOrigin, 10);
      double centred = TestData.recall(truth, found, 10);
      System.out.printf(Locale.ROOT, "QuantizationTest INT4, ef 20: by adds (origin) %.4f, batch (centred) %.4f%n", origin, centred);
      assertTrue(centred > origin + 0.1, "origin " + origin + ", centred " + centred);
      assertExactDistances(exact, data.queries(), found);
      Path file = dir.resolve("adds.hnsw");
      byAdds.save(file);
      try (HnswIndex reopened = HnswIndex.open(file)) {
        assertEquals(aroundOrigin, reopened.searchBatch(data.queries(), 10, 20, 2));
      }
    }
  }

  /**
   * A file holds the mode in flag bits 2-3 (3 for int4), and since format version 2 the codes
   * (record format 3) and the centroid after them in section 8. (Files from before, without
   * them, open as StoredFormatTest checks.)
   */
  @Test
  void anInt4FileStoresTheModeTheCodesAndTheCentroid(@TempDir Path dir) throws IOException {
    float[][] data = TestData.latent(500, 24, 6, 9);
    Path file = dir.resolve("int4.hnsw");
    try (HnswIndex int4 = HnswIndex.create(IndexConfig.builder(24).seed(9).quantization(Quantization.INT4).build())) {
      int4.addAll(TestData.sequentialIds(500), data, 1);
      int4.save(file);
    }
    IndexBytes bytes = new IndexBytes(Files.readAllBytes(file));
    assertEquals(3 << 2, bytes.getInt(44) & 12, "code 3 in flag bits 2-3");
    assertEquals(2, bytes.getInt(8));
    long codes = bytes.sectionOffset(IndexBytes.SECTION_CODES);
    assertEquals(List.of(3, 12 + 12, 500), List.of(bytes.getInt(codes), bytes.getInt(codes + 4), bytes.getInt(codes + 8)));
    long centroid = codes + 16 + 500 * 24;
    assertEquals(List.of(1, 24), List.of(bytes.getInt(centroid), bytes.getInt(centroid + 4)), "centroid version, count");
    assertEquals(16 + 500 * 24 + 12 + 4 * 24, bytes.sectionLength(IndexBytes.SECTION_CODES));
  }

  @ParameterizedTest
  @EnumSource(value = Quantization.class, names = {"INT8", "BINARY", "INT4"})
  void updatesAndRemovesKeepTheCodesInStep(Quantization mode) {
    float[][] data = TestData.clustered(2000, 16, 8, 5);
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(16).quantization(mode).seed(5).build())) {
      index.addAll(TestData.sequentialIds(2000), data, 2);
      List<Long> moved = new ArrayList<>();
      for (int i = 0; i < 600; i += 3) {
        index.add(i, data[1999 - i]);
        moved.add((long) i);
        index.remove(i + 1);
      }
      for (long id : moved) {
        List<SearchResult> hits = index.search(data[1999 - (int) id], 1, 100, x -> x == id);
        assertEquals(id, hits.getFirst().id());
        assertEquals(0f, hits.getFirst().distance(), 1e-6f);
      }
      assertTrue(index.checkIntegrity().ok());
    }
  }
}
