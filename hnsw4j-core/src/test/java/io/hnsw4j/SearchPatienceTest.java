package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * the same steps as a plain search until they stop, fewer distances, and recall for those
 * distances at least what a plain search buys with them.
 */
class SearchPatienceTest {
  private static final int N = 6000;
  private static final int QUERIES = 200;
  private static final int DIM = 48;
  private static final int K = 10;

  private record Run(double recall, double distances, List<List<SearchResult>> answers, long[] counts) {}

  private static Run run(HnswIndex index, float[][] queries, List<List<SearchResult>> truth, int ef) {
    List<List<SearchResult>> answers = new ArrayList<>();
    long[] counts = new long[queries.length];
    long total = 0;
    for (int q = 0; q < queries.length; q++) {
      answers.add(index.search(queries[q], K, ef));
      counts[q] = index.lastSearchDistanceCount();
      total += counts[q];
    }
    return new Run(TestData.recall(truth, answers, K), total / (double) queries.length, answers, counts);
  }

  private static HnswIndex build(Quantization mode, float[][] base) {
    IndexConfig config = IndexConfig.builder(DIM).metric(Metric.COSINE).m(12).efConstruction(80).seed(5).quantization(mode).build();
    HnswIndex index = HnswIndex.create(config);
    index.addAll(TestData.sequentialIds(base.length), base, 1);
    return index;
  }

  /**
   * Against plain searches of the same index: each patient query computes at most the plain
   * query's distances (it takes the same steps and stops sooner), and where it did not stop
   * sooner it answers the same; in all, fewer distances. At twice the ef the patient search holds
   * the recall that plain searches get for as many distances (measured on latent 48-d data of
   * rank 40, floats and 4-bit codes: level, 0.9755 and 0.978 where the plain searches' line gives
   * 0.975 and 0.976; glove-100 gains 12%, docs/benchmarks.md; the figures print).
   */
  @ParameterizedTest
  @EnumSource(value = Quantization.class, names = {"NONE", "INT4"})
  void aPatientSearchTakesThePlainOnesFirstStepsAndBuysMoreRecallPerDistance(Quantization mode) {
    float[][] all = TestData.latent(N + QUERIES, DIM, 40, 77);
    float[][] base = Arrays.copyOf(all, N);
    float[][] queries = Arrays.copyOfRange(all, N, N + QUERIES);
    try (HnswIndex index = build(mode, base); ExactIndex exact = ExactIndex.create(DIM, Metric.COSINE)) {
      exact.addAll(TestData.sequentialIds(N), base);
      List<List<SearchResult>> truth = TestData.exact(exact, queries, K);
      Run plain = run(index, queries, truth, 40);
      Run plainWide = run(index, queries, truth, 60);
      index.searchPatience(1.0 / 3);
      Run patient = run(index, queries, truth, 40);
      Run patientWide = run(index, queries, truth, 80);
      System.out.printf(Locale.ROOT,
          "SearchPatienceTest %s: plain ef 40 %.4f / %.0f, ef 60 %.4f / %.0f; patient ef 40 %.4f / %.0f, ef 80 %.4f / %.0f%n",
          mode, plain.recall, plain.distances, plainWide.recall, plainWide.distances, patient.recall, patient.distances,
          patientWide.recall, patientWide.distances);
      int stopped = 0;
      for (int q = 0; q < QUERIES; q++) {
        assertTrue(patient.counts[q] <= plain.counts[q], "query " + q + ": " + patient.counts[q] + " > " + plain.counts[q]);
        if (patient.counts[q] == plain.counts[q]) {
          assertEquals(plain.answers.get(q), patient.answers.get(q), "query " + q + " did not stop, yet answered otherwise");
        } else {
          stopped++;
        }
      }
      assertTrue(stopped > QUERIES / 4, "only " + stopped + " queries stopped early");
      assertTrue(patient.distances < 0.95 * plain.distances, patient.distances + " against " + plain.distances);
      assertTrue(patientWide.distances <= plainWide.distances, patientWide.distances + " against " + plainWide.distances);
      // The plain searches' recall for the patient search's distances, on the line between ef 40 and 60.
      double plainThere = plain.recall + (patientWide.distances - plain.distances)
          * (plainWide.recall - plain.recall) / (plainWide.distances - plain.distances);
      assertTrue(patientWide.recall >= plainThere - 0.005, patientWide.recall + " against " + plainThere);
    }
  }

  @Test
  void noPatienceSearchesAsBeforeAndFiltersIgnoreIt() {
    float[][] all = TestData.latent(2000 + 50, DIM, 16, 3);
    float[][] base = Arrays.copyOf(all, 2000);
    float[][] queries = Arrays.copyOfRange(all, 2000, 2050);
    try (HnswIndex index = build(Quantization.INT4, base)) {
      List<List<SearchResult>> before = new ArrayList<>();
      List<List<SearchResult>> filteredBefore = new ArrayList<>();
      long[] counts = new long[queries.length];
      for (int q = 0; q < queries.length; q++) {
        filteredBefore.add(index.search(queries[q], K, 80, id -> id % 3 != 0));
        counts[q] = index.lastSearchDistanceCount();
        before.add(index.search(queries[q], K, 80));
      }
      index.searchPatience(0.5);
      index.searchPatience(0);
      assertEquals(0, index.searchPatience());
      for (int q = 0; q < queries.length; q++) {
        assertEquals(before.get(q), index.search(queries[q], K, 80), "query " + q);
      }
      index.searchPatience(0.01);
      for (int q = 0; q < queries.length; q++) {
        assertEquals(filteredBefore.get(q), index.search(queries[q], K, 80, id -> id % 3 != 0), "filtered query " + q);
        assertEquals(counts[q], index.lastSearchDistanceCount(), "filtered query " + q);
      }
    }
  }

  @Test
  void theShortestPatienceStillAnswersK() {
    float[][] base = TestData.uniform(3000, DIM, 9);
    try (HnswIndex index = build(Quantization.NONE, base)) {
      index.searchPatience(Double.MIN_VALUE); // one calm step
      for (int q = 0; q < 20; q++) {
        List<SearchResult> answer = index.search(TestData.uniform(1, DIM, 100 + q)[0], K, 300);
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
