package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.TestData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Searches that stop once their k nearest have settled ({@link HnswIndex#searchPatience(double)}):
 * the same steps as a plain search until they stop, fewer distances, and at a larger ef the
 * recall that plain searches get for as many distances.
 */
class SearchPatienceTest {
  private static final int N = 6000;
  private static final int QUERIES = 200;
  private static final int DIM = 48;
  private static final int K = 10;

  private record Run(double recall, double distances, List<List<SearchResult>> answers, long[] counts) {}

  private static Run run(HnswIndex index, float[][] queries, List<List<SearchResult>> truth, int k, int ef) {
    List<List<SearchResult>> answers = new ArrayList<>();
    long[] counts = new long[queries.length];
    long total = 0;
    for (int q = 0; q < queries.length; q++) {
      answers.add(index.search(queries[q], k, ef));
      counts[q] = index.lastSearchDistanceCount();
      total += counts[q];
    }
    double recall = truth == null ? Double.NaN : TestData.recall(truth, answers, k);
    return new Run(recall, total / (double) queries.length, answers, counts);
  }

  private static HnswIndex build(Quantization mode, float[][] base) {
    IndexConfig config =
        IndexConfig.builder(DIM).metric(Metric.COSINE).m(12).efConstruction(80).seed(5).quantization(mode).build();
    HnswIndex index = HnswIndex.create(config);
    index.addAll(TestData.sequentialIds(base.length), base, 1);
    return index;
  }

  /** Asserts the patient run took a prefix of the plain run's steps, and stopped in at least a quarter of the queries. */
  private static void assertPrefixes(Run plain, Run patient) {
    int stopped = 0;
    for (int q = 0; q < plain.counts.length; q++) {
      assertTrue(patient.counts[q] <= plain.counts[q], "query " + q + ": " + patient.counts[q] + " > " + plain.counts[q]);
      if (patient.counts[q] == plain.counts[q]) {
        assertEquals(plain.answers.get(q), patient.answers.get(q), "query " + q + " did not stop, yet answered otherwise");
      } else {
        stopped++;
      }
    }
    assertTrue(stopped > plain.counts.length / 4, "only " + stopped + " queries stopped early");
  }

  /**
   * Against plain searches of the same index: each patient query computes at most the plain
   * query's distances (it takes the same steps and stops sooner), and where it did not stop
   * sooner it answers the same; in all, fewer distances. At twice the ef the patient search holds
   * the recall that plain searches get for as many distances: on latent 48-d data of rank 40
   * (floats and 4-bit codes) 0.9755 and 0.978, where the line between the plain searches at ef 40
   * and 60 gives 0.975 and 0.976. Glove-100 gains 12% (docs/benchmarks.md). The figures print.
   */
  @ParameterizedTest
  @EnumSource(value = Quantization.class, names = {"NONE", "INT4"})
  void aPatientSearchTakesThePlainOnesFirstStepsAndHoldsItsRecallPerDistance(Quantization mode) {
    float[][] all = TestData.latent(N + QUERIES, DIM, 40, 77);
    float[][] base = Arrays.copyOf(all, N);
    float[][] queries = Arrays.copyOfRange(all, N, N + QUERIES);
    try (HnswIndex index = build(mode, base); ExactIndex exact = ExactIndex.create(DIM, Metric.COSINE)) {
      exact.addAll(TestData.sequentialIds(N), base);
      List<List<SearchResult>> truth = TestData.exact(exact, queries, K);
      Run plain = run(index, queries, truth, K, 40);
      Run plainWide = run(index, queries, truth, K, 60);
      index.searchPatience(1.0 / 3);
      Run patient = run(index, queries, truth, K, 40);
      Run patientWide = run(index, queries, truth, K, 80);
      System.out.printf(Locale.ROOT,
          "SearchPatienceTest %s: plain ef 40 %.4f / %.0f, ef 60 %.4f / %.0f;"
              + " patient ef 40 %.4f / %.0f, ef 80 %.4f / %.0f%n",
          mode, plain.recall, plain.distances, plainWide.recall, plainWide.distances,
          patient.recall, patient.distances, patientWide.recall, patientWide.distances);
      assertPrefixes(plain, patient);
      assertTrue(patient.distances < 0.95 * plain.distances, patient.distances + " against " + plain.distances);
      assertTrue(patientWide.distances <= plainWide.distances,
          patientWide.distances + " against " + plainWide.distances);
      // The plain searches' recall for the patient search's distances, on the line between ef 40 and 60.
      double plainThere = plain.recall + (patientWide.distances - plain.distances)
          * (plainWide.recall - plain.recall) / (plainWide.distances - plain.distances);
      assertTrue(patientWide.recall >= plainThere - 0.005, patientWide.recall + " against " + plainThere);
    }
  }

  /**
   * Removed nodes (traversed, never returned), k above ef (the beam is k) and batches on two
   * threads: a patient search still takes a prefix of the plain one's steps, and answers no
   * removed id.
   */
  @Test
  void removedNodesLargeKAndBatchesKeepThePrefix() {
    float[][] all = TestData.latent(N + QUERIES, DIM, 40, 12);
    float[][] base = Arrays.copyOf(all, N);
    float[][] queries = Arrays.copyOfRange(all, N, N + QUERIES);
    try (HnswIndex index = build(Quantization.INT4, base)) {
      for (long id = 0; id < N; id += 7) {
        index.remove(id);
      }
      Run plain = run(index, queries, null, 30, 20);
      List<List<SearchResult>> plainBatch = index.searchBatch(queries, K, 60, 2);
      index.searchPatience(0.25);
      Run patient = run(index, queries, null, 30, 20);
      assertPrefixes(plain, patient);
      for (List<SearchResult> answer : patient.answers) {
        assertEquals(30, answer.size());
        for (SearchResult hit : answer) {
          assertFalse(hit.id() % 7 == 0, "removed id " + hit.id() + " answered");
        }
      }
      List<List<SearchResult>> patientBatch = index.searchBatch(queries, K, 60, 2);
      int differ = 0;
      for (int q = 0; q < QUERIES; q++) {
        differ += plainBatch.get(q).equals(patientBatch.get(q)) ? 0 : 1;
        assertEquals(patientBatch.get(q), index.search(queries[q], K, 60), "batch and single search, query " + q);
      }
      assertTrue(differ > 0, "the batches ignored the patience");
    }
  }

  @Test
  void noPatienceSearchesAsBeforeAndFiltersIgnoreIt() {
    float[][] all = TestData.latent(2000 + 50, DIM, 16, 3);
    float[][] base = Arrays.copyOf(all, 2000);
    float[][] queries = Arrays.copyOfRange(all, 2000, 2050);
    try (HnswIndex index = build(Quantization.INT4, base)) {
      Run before = run(index, queries, null, K, 80);
      List<List<SearchResult>> filteredBefore = new ArrayList<>();
      long[] filteredCounts = new long[queries.length];
      for (int q = 0; q < queries.length; q++) {
        filteredBefore.add(index.search(queries[q], K, 80, id -> id % 3 != 0));
        filteredCounts[q] = index.lastSearchDistanceCount();
      }
      index.searchPatience(0.5);
      index.searchPatience(0);
      assertEquals(0, index.searchPatience());
      Run after = run(index, queries, null, K, 80);
      assertEquals(before.answers, after.answers);
      assertTrue(Arrays.equals(before.counts, after.counts), "distance counts changed with patience 0");
      index.searchPatience(0.01);
      for (int q = 0; q < queries.length; q++) {
        assertEquals(filteredBefore.get(q), index.search(queries[q], K, 80, id -> id % 3 != 0), "filtered query " + q);
        assertEquals(filteredCounts[q], index.lastSearchDistanceCount(), "filtered query " + q);
      }
    }
  }

  @Test
  void theShortestPatienceStillAnswersKSorted() {
    float[][] base = TestData.uniform(3000, DIM, 9);
    float[][] queries = TestData.uniform(20, DIM, 100);
    try (HnswIndex index = build(Quantization.NONE, base)) {
      Run plain = run(index, queries, null, K, 300);
      index.searchPatience(Double.MIN_VALUE); // one calm step
      Run patient = run(index, queries, null, K, 300);
      assertTrue(patient.distances < plain.distances / 2, patient.distances + " against " + plain.distances);
      for (List<SearchResult> answer : patient.answers) {
        assertEquals(K, answer.size());
        for (int i = 1; i < K; i++) {
          assertTrue(answer.get(i - 1).distance() <= answer.get(i).distance(), "sorted");
        }
      }
    }
  }

  @Test
  void patienceIsAFractionOfEf() {
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(4).build())) {
      for (double bad : new double[] {-0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> index.searchPatience(bad));
        assertTrue(e.getMessage().contains("searchPatience must be a fraction of ef in [0, 1]"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
      }
      index.searchPatience(1);
      assertEquals(1, index.searchPatience());
      assertEquals(0, index.search(new float[] {1, 0, 0, 0}, 3).size(), "an empty index answers nothing");
    }
  }
}
