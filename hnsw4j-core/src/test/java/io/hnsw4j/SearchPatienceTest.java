package io.hnsw4j;

import static io.hnsw4j.EarlyStopRuns.DIM;
import static io.hnsw4j.EarlyStopRuns.assertPrefixes;
import static io.hnsw4j.EarlyStopRuns.assertSameRuns;
import static io.hnsw4j.EarlyStopRuns.build;
import static io.hnsw4j.EarlyStopRuns.exactCosine;
import static io.hnsw4j.EarlyStopRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.EarlyStopRuns.Run;
import io.hnsw4j.testutil.TestData;
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
  private static final int K = 10;

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
    List<List<SearchResult>> truth = exactCosine(base, queries, K);
    try (HnswIndex index = build(Metric.COSINE, mode, base)) {
      Run plain = run(index, queries, truth, K, 40);
      Run plainWide = run(index, queries, truth, K, 60);
      index.searchPatience(1.0 / 3);
      Run patient = run(index, queries, truth, K, 40);
      Run patientWide = run(index, queries, truth, K, 80);
      System.out.printf(Locale.ROOT,
          "SearchPatienceTest %s: plain ef 40 %.4f / %.0f, ef 60 %.4f / %.0f;"
              + " patient ef 40 %.4f / %.0f, ef 80 %.4f / %.0f%n",
          mode, plain.recall(), plain.distances(), plainWide.recall(), plainWide.distances(),
          patient.recall(), patient.distances(), patientWide.recall(), patientWide.distances());
      assertPrefixes(plain, patient);
      assertTrue(patient.distances() < 0.95 * plain.distances(), patient.distances() + " against " + plain.distances());
      assertTrue(patientWide.distances() <= plainWide.distances(),
          patientWide.distances() + " against " + plainWide.distances());
      // The plain searches' recall for the patient search's distances, on the line between ef 40 and 60.
      double plainThere = plain.recall() + (patientWide.distances() - plain.distances())
          * (plainWide.recall() - plain.recall()) / (plainWide.distances() - plain.distances());
      assertTrue(patientWide.recall() >= plainThere - 0.005, patientWide.recall() + " against " + plainThere);
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
    try (HnswIndex index = build(Metric.COSINE, Quantization.INT4, base)) {
      for (long id = 0; id < N; id += 7) {
        index.remove(id);
      }
      Run plain = run(index, queries, null, 30, 20);
      List<List<SearchResult>> plainBatch = index.searchBatch(queries, K, 60, 2);
      index.searchPatience(0.25);
      Run patient = run(index, queries, null, 30, 20);
      assertPrefixes(plain, patient);
      for (List<SearchResult> answer : patient.answers()) {
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
    try (HnswIndex index = build(Metric.COSINE, Quantization.INT4, base)) {
      Run before = run(index, queries, null, K, 80);
      Run filteredBefore = run(index, queries, null, K, 80, id -> id % 3 != 0);
      index.searchPatience(0.5);
      index.searchPatience(0);
      assertEquals(0, index.searchPatience());
      Run after = run(index, queries, null, K, 80);
      assertSameRuns(before, after, "patience 0");
      index.searchPatience(0.01);
      assertSameRuns(filteredBefore, run(index, queries, null, K, 80, id -> id % 3 != 0), "filtered searches");
    }
  }

  @Test
  void theShortestPatienceStillAnswersKSorted() {
    float[][] base = TestData.uniform(3000, DIM, 9);
    float[][] queries = TestData.uniform(20, DIM, 100);
    try (HnswIndex index = build(Metric.COSINE, Quantization.NONE, base)) {
      Run plain = run(index, queries, null, K, 300);
      index.searchPatience(Double.MIN_VALUE); // one calm step
      Run patient = run(index, queries, null, K, 300);
      assertTrue(patient.distances() < plain.distances() / 2, patient.distances() + " against " + plain.distances());
      for (List<SearchResult> answer : patient.answers()) {
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
