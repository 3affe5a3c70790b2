package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Recall@10 against the exact answer, and the distance computations a query costs, at beam widths
 * where recall is not yet saturated; per metric. The build is single-threaded, so graph and
 * numbers are reproducible; each bound is the value measured when it was set, less a margin of
 * 0.01 for recall and plus 5% for distances (float rounding differs between the SIMD and scalar
 * kernels). A weakened heuristic loses recall; a search that scans too much, or a graph that
 * wastes links, costs distances.
 */
class RecallTest {
  private static final int N = 10_000;
  private static final int QUERIES = 200;
  private static final int[] EFS = {10, 40};

  @ParameterizedTest(name = "dim {0} {1}")
  @CsvSource({
    // dim, metric, seed, recall@ef10, recall@ef40, distances@ef10, distances@ef40
    "16, l2, 11, 0.9105, 0.9990, 172.7, 330.6",
    "128, l2, 12, 0.7370, 0.9685, 224.2, 410.4",
    "100, cosine, 13, 0.7535, 0.9805, 227.6, 410.5",
    "64, ip, 14, 0.9720, 0.9845, 178.5, 341.4"
  })
  void recallAndWorkArePinned(
      int dim, String metricName, long seed, double recall10, double recall40, double cost10, double cost40) {
    Metric metric = Metric.byName(metricName);
    TestData.Split data = TestData.clusteredSplit(N, QUERIES, dim, 20, seed);
    IndexConfig config = IndexConfig.builder(dim).metric(metric).m(12).efConstruction(60).seed(seed).build();
    try (HnswIndex index = HnswIndex.create(config);
        ExactIndex exact = ExactIndex.create(dim, metric)) {
      long[] ids = TestData.sequentialIds(N);
      index.addAll(ids, data.base(), 1);
      exact.addAll(ids, data.base());
      List<List<SearchResult>> truth = TestData.exact(exact, data.queries(), 10);
      double[] pinnedRecall = {recall10, recall40};
      double[] pinnedCost = {cost10, cost40};
      double[] recall = new double[EFS.length];
      double[] cost = new double[EFS.length];
      StringBuilder measured = new StringBuilder();
      for (int e = 0; e < EFS.length; e++) {
        List<List<SearchResult>> found = new ArrayList<>();
        long distances = 0;
        for (float[] q : data.queries()) {
          found.add(index.search(q, 10, EFS[e]));
          distances += index.lastSearchDistanceCount();
        }
        recall[e] = TestData.recall(truth, found, 10);
        cost[e] = (double) distances / QUERIES;
        measured.append(String.format(Locale.ROOT, " ef %d: recall %.4f, distances %.1f;", EFS[e], recall[e], cost[e]));
      }
      System.out.println("RecallTest dim " + dim + " " + metricName + measured);
      for (int e = 0; e < EFS.length; e++) {
        assertTrue(recall[e] >= pinnedRecall[e] - 0.01,
            "seed " + seed + ": recall@10 at ef " + EFS[e] + " fell to " + recall[e] + " (pinned " + pinnedRecall[e] + ")");
        assertTrue(cost[e] <= pinnedCost[e] * 1.05,
            "seed " + seed + ": " + cost[e] + " distances per query at ef " + EFS[e] + " (pinned " + pinnedCost[e] + ")");
      }
      IntegrityReport report = index.checkIntegrity();
      assertTrue(report.ok(), "seed " + seed + ": " + report);
    }
  }
}
