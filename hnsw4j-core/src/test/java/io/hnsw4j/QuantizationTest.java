package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Int8 traversal keeps recall within a point of the float index at the same ef (the candidates
 * are reranked with the floats, so distances stay exact), and survives a save and an open.
 */
class QuantizationTest {
  private static final int N = 10_000;
  private static final int QUERIES = 200;

  @ParameterizedTest(name = "dim {0} {1}")
  @CsvSource({"64, l2, 21", "100, cosine, 22", "64, ip, 23"})
  void int8TraversalKeepsRecallWithinAPoint(int dim, String metricName, long seed, @TempDir Path dir) throws IOException {
    Metric metric = Metric.byName(metricName);
    TestData.Split data = TestData.clusteredSplit(N, QUERIES, dim, 20, seed);
    IndexConfig floats = IndexConfig.builder(dim).metric(metric).m(12).efConstruction(60).seed(seed).build();
    IndexConfig int8 = floats.toBuilder().quantization(Quantization.INT8).build();
    long[] ids = TestData.sequentialIds(N);
    try (HnswIndex plain = HnswIndex.create(floats);
        HnswIndex quantized = HnswIndex.create(int8);
        ExactIndex exact = ExactIndex.create(dim, metric)) {
      plain.addAll(ids, data.base(), 1);
      quantized.addAll(ids, data.base(), 1);
      exact.addAll(ids, data.base());
      List<List<SearchResult>> truth = TestData.exact(exact, data.queries(), 10);
      for (int ef : new int[] {20, 80}) {
        double recallFloat = TestData.recall(truth, plain.searchBatch(data.queries(), 10, ef, 2), 10);
        List<List<SearchResult>> found = quantized.searchBatch(data.queries(), 10, ef, 2);
        double recallInt8 = TestData.recall(truth, found, 10);
        System.out.printf(Locale.ROOT, "QuantizationTest dim %d %s ef %d: float %.4f, int8 %.4f%n",
            dim, metricName, ef, recallFloat, recallInt8);
        assertTrue(recallInt8 >= recallFloat - 0.01,
            "seed " + seed + ", ef " + ef + ": int8 " + recallInt8 + " against float " + recallFloat);
        assertExactDistances(exact, data.queries(), found);
      }
      Path file = dir.resolve("q.hnsw");
      quantized.save(file);
      for (OpenOptions options : List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED)) {
        try (HnswIndex reopened = HnswIndex.open(file, options)) {
          assertEquals(Quantization.INT8, reopened.config().quantization());
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

  @Test
  void customMetricsCannotBeQuantized() {
    Metric manhattan = Metric.custom("manhattan", (a, b) -> {
      float s = 0;
      for (int i = 0; i < a.length; i++) {
        s += Math.abs(a[i] - b[i]);
      }
      return s;
    });
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IndexConfig.builder(4).metric(manhattan).quantization(Quantization.INT8).build());
    assertTrue(e.getMessage().contains("manhattan"), e.getMessage());
  }

  @Test
  void updatesAndRemovesKeepTheCodesInStep() {
    float[][] data = TestData.clustered(2000, 16, 8, 5);
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(16).quantization(Quantization.INT8).seed(5).build())) {
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
