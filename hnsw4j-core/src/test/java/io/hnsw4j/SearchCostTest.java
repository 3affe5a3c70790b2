package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link HnswIndex#lastSearchCost()}: counts that add up, and bytes from the record sizes. */
class SearchCostTest {
  private static final int N = 3_000;
  private static final int DIM = 40;
  private static final int M = 8;

  @Test
  void floatSearchesScoreFloatsAndReadLinks(@TempDir Path dir) throws IOException {
    TestData.Split data = TestData.clusteredSplit(N, 20, DIM, 10, 71);
    IndexConfig config = IndexConfig.builder(DIM).metric(Metric.L2).m(M).efConstruction(40).seed(71).build();
    try (HnswIndex index = HnswIndex.create(config)) {
      index.addAll(TestData.sequentialIds(N), data.base(), 1);
      long previous = 0;
      for (int ef : new int[] {10, 40, 160}) {
        long distances = 0;
        for (float[] q : data.queries()) {
          index.search(q, 10, ef);
          SearchCost cost = index.lastSearchCost();
          assertEquals(index.lastSearchDistanceCount(), cost.distanceComputations());
          assertEquals(0, cost.rerankedVectors(), "no rerank without a traversal copy");
          assertTrue(cost.expandedNodes() > 0 && cost.distanceComputations() > cost.expandedNodes(), cost.toString());
          assertTrue(cost.distanceComputations() <= N + 64, "at most every node once, plus upper layers: " + cost);
          assertEquals(cost.distanceComputations() * 4L * DIM + cost.expandedNodes() * 4L * (1 + 2 * M), cost.bytesRead());
          distances += cost.distanceComputations();
        }
        assertTrue(distances > previous, "a wider beam scores more: ef " + ef);
        previous = distances;
      }
      Path file = dir.resolve("c.hnsw");
      index.save(file);
      try (HnswIndex mapped = HnswIndex.open(file, OpenOptions.MEMORY_MAPPED)) {
        index.search(data.queries()[0], 10, 40);
        mapped.search(data.queries()[0], 10, 40);
        assertEquals(index.lastSearchCost(), mapped.lastSearchCost(), "the same walk on the mapped file");
      }
    }
  }

  /**
   * A record is offset, scale and norm (12 bytes), then the codes: one byte per component for
   * int8, one per two components for int4 (an odd dimension's last byte half used).
   */
  @ParameterizedTest(name = "{0} dim {1}")
  @CsvSource({"INT8, 40, 52", "INT4, 40, 32", "INT4, 41, 33"})
  void quantizedSearchesRerankTheFrontOfTheBeamWithFloats(Quantization mode, int dim, int recordBytes) {
    TestData.Split data = TestData.clusteredSplit(N, 20, dim, 10, 72);
    IndexConfig config = IndexConfig.builder(dim).metric(Metric.COSINE).m(M).efConstruction(40).seed(72)
        .quantization(mode).build();
    try (HnswIndex index = HnswIndex.create(config)) {
      index.addAll(TestData.sequentialIds(N), data.base(), 1);
      for (float[] q : data.queries()) {
        List<SearchResult> found = index.search(q, 10, 50);
        assertEquals(10, found.size());
        SearchCost cost = index.lastSearchCost();
        // Of the ef = 50 candidates the front quarter, but at least 4k = 40, are rescored.
        assertEquals(40, cost.rerankedVectors(), "the front of the ef candidates is rescored with the floats");
        long walked = cost.distanceComputations() - cost.rerankedVectors();
        assertEquals(walked * recordBytes + 40L * 4 * dim + cost.expandedNodes() * 4L * (1 + 2 * M), cost.bytesRead());
      }
    }
  }
}
