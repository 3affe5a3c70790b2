package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.TestData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * What the tests of searches that stop early share: a run of queries with its answers and
 * distance counts, the small index they search, and the prefix check against plain searches.
 */
final class EarlyStopRuns {
  static final int DIM = 48;

  private EarlyStopRuns() {}

  /** One pass over the queries: recall@k (NaN without a truth), mean distances, answers and counts per query. */
  record Run(double recall, double distances, List<List<SearchResult>> answers, long[] counts) {}

  static Run run(HnswIndex index, float[][] queries, List<List<SearchResult>> truth, int k, int ef) {
    return run(index, queries, truth, k, ef, null);
  }

  /** {@link #run(HnswIndex, float[][], List, int, int)} with a filter (null for none). */
  static Run run(HnswIndex index, float[][] queries, List<List<SearchResult>> truth, int k, int ef, LongPredicate filter) {
    List<List<SearchResult>> answers = new ArrayList<>();
    long[] counts = new long[queries.length];
    long total = 0;
    for (int q = 0; q < queries.length; q++) {
      answers.add(index.search(queries[q], k, ef, filter));
      counts[q] = index.lastSearchDistanceCount();
      total += counts[q];
    }
    double recall = truth == null ? Double.NaN : TestData.recall(truth, answers, k);
    return new Run(recall, total / (double) queries.length, answers, counts);
  }

  /** The exact k nearest (cosine) of each query among the rows, row i with id i. */
  static List<List<SearchResult>> exactCosine(float[][] base, float[][] queries, int k) {
    try (ExactIndex exact = ExactIndex.create(DIM, Metric.COSINE)) {
      exact.addAll(TestData.sequentialIds(base.length), base);
      return TestData.exact(exact, queries, k);
    }
  }

  /** A seeded single-thread build (M 12, efConstruction 80) of {@link #DIM}-d rows. */
  static HnswIndex build(Metric metric, Quantization mode, float[][] base) {
    IndexConfig config =
        IndexConfig.builder(DIM).metric(metric).m(12).efConstruction(80).seed(5).quantization(mode).build();
    HnswIndex index = HnswIndex.create(config);
    index.addAll(TestData.sequentialIds(base.length), base, 1);
    return index;
  }

  /** Asserts two runs answered the same with the same distances per query. */
  static void assertSameRuns(Run expected, Run actual, String what) {
    assertEquals(expected.answers(), actual.answers(), what);
    assertTrue(Arrays.equals(expected.counts(), actual.counts()), "distance counts changed: " + what);
  }

  /**
   * Asserts the early-stopping run took a prefix of the plain run's steps (never more distances,
   * and the plain answers where it did not stop), and stopped in more than a quarter of the queries.
   */
  static void assertPrefixes(Run plain, Run stopping) {
    int stopped = 0;
    for (int q = 0; q < plain.counts.length; q++) {
      assertTrue(stopping.counts[q] <= plain.counts[q], "query " + q + ": " + stopping.counts[q] + " > " + plain.counts[q]);
      if (stopping.counts[q] == plain.counts[q]) {
        assertEquals(plain.answers.get(q), stopping.answers.get(q), "query " + q + " did not stop, yet answered otherwise");
      } else {
        stopped++;
      }
    }
    assertTrue(stopped > plain.counts.length / 4, "only " + stopped + " queries stopped early");
  }
}
