package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.TestData;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recall@10 against the exact answer on 20k clustered Gaussian vectors, per metric. */
class RecallTest {
  private static final int N = 20_000;
  private static final int QUERIES = 200;

  @ParameterizedTest(name = "dim {0} {1}")
  @CsvSource({"16, l2, 11", "128, l2, 12", "100, cosine, 13", "64, ip, 14"})
  void recallAtEf100IsAtLeast095(int dim, String metricName, long seed) {
    Metric metric = Metric.byName(metricName);
    TestData.Split data = TestData.clusteredSplit(N, QUERIES, dim, 100, seed);
    IndexConfig config = IndexConfig.builder(dim).metric(metric).m(16).efConstruction(100).seed(seed).build();
    try (HnswIndex index = HnswIndex.create(config);
        ExactIndex exact = ExactIndex.create(dim, metric)) {
      long[] ids = TestData.sequentialIds(N);
      index.addAll(ids, data.base(), 2);
      exact.addAll(ids, data.base());
      List<List<SearchResult>> truth = TestData.exact(exact, data.queries(), 10);
      List<List<SearchResult>> found = index.searchBatch(data.queries(), 10, 100, 2);
      double recall = TestData.recall(truth, found, 10);
      assertTrue(recall >= 0.95, "seed " + seed + ": recall@10 " + recall + " < 0.95");
      IntegrityReport report = index.checkIntegrity();
      assertTrue(report.ok(), "seed " + seed + ": " + report);
    }
  }
}
