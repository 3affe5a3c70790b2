package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The LID estimator against data of known intrinsic dimension: Gaussian points filling a
 * d-dimensional linear subspace of a 64-dimensional space. The mean of the pointwise maximum
 * likelihood estimates sits a little above d for small d (the estimator's (k-1)/(k-2) bias, 5.6% at
 * k = 20) and a little below for larger d (k = 20 neighbours reach far enough to see the density
 * fall off): measured with L2, 2.14, 5.37 and 9.80 for d = 2, 5, 10. The tolerance, 12% of d,
 * covers both with room.
 */
class IntrinsicDimensionalityTest {
  private static final double TOLERANCE = 0.12;

  @Test
  void estimateMatchesTheFormulaByHand() {
    // m = 3 distances: (3 - 1) / (ln(4/1) + ln(4/2)) = 2 / ln 8.
    assertEquals(2 / Math.log(8), IntrinsicDimensionality.estimate(new double[] {1, 2, 4}), 1e-12);
    // Copies of the point (distance 0) are skipped.
    assertEquals(2 / Math.log(8), IntrinsicDimensionality.estimate(new double[] {0, 0, 1, 2, 4}), 1e-12);
    // Distances r_j = (j / 20)^(1/d) are a d-dimensional spread: the estimate is d times a
    // constant of the formula, 19 / sum_j ln(20 / j).
    double constant = 19 / IntStream.rangeClosed(1, 19).mapToDouble(j -> Math.log(20.0 / j)).sum();
    for (int d : new int[] {1, 3, 17}) {
      double[] r = IntStream.rangeClosed(1, 20).mapToDouble(j -> Math.pow(j / 20.0, 1.0 / d)).toArray();
      assertEquals(d * constant, IntrinsicDimensionality.estimate(r), 1e-9 * d);
    }
  }

  @Test
  void estimateIsUndefinedWithoutTwoDistinctDistances() {
    assertTrue(Double.isNaN(IntrinsicDimensionality.estimate(new double[] {})));
    assertTrue(Double.isNaN(IntrinsicDimensionality.estimate(new double[] {0, 0, 3})));
    assertTrue(Double.isNaN(IntrinsicDimensionality.estimate(new double[] {2, 2, 2})));
  }

  @Test
  void estimateRejectsBadDistances() {
    assertThrows(IllegalArgumentException.class, () -> IntrinsicDimensionality.estimate(null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IntrinsicDimensionality.estimate(new double[] {1, 3, 2}));
    assertTrue(e.getMessage().contains("ascending"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IntrinsicDimensionality.estimate(new double[] {-1, 2}));
    assertTrue(e.getMessage().contains("distances[0] is -1.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> IntrinsicDimensionality.estimate(new double[] {1, Double.NaN}));
  }

  @ParameterizedTest(name = "d = {0}, {1}")
  @CsvSource({"2, l2, 1", "5, l2, 2", "10, l2, 3", "2, cosine, 4", "5, cosine, 5", "10, cosine, 6"})
  void meanEstimateFindsTheSubspaceDimension(int d, String metricName, long seed) {
    float[][] data = Subspace.gaussian(4000, d, 64, seed);
    int[] rows = IntStream.range(0, 1000).toArray();
    Distribution lid = Distribution.of(IntrinsicDimensionality.ofRows(data, rows, Metric.byName(metricName), 20, 2));
    assertEquals(1000, lid.count());
    assertEquals(d, lid.mean(), TOLERANCE * d, "seed " + seed + ": mean LID " + lid.mean() + " for d = " + d);
  }

  @Test
  void innerProductUsesEuclideanLengthsOfTheRawVectors() {
    float[][] data = Subspace.gaussian(1500, 4, 16, 7);
    int[] rows = IntStream.range(0, 300).toArray();
    assertArrayEquals(IntrinsicDimensionality.ofRows(data, rows, Metric.L2, 20, 1),
        IntrinsicDimensionality.ofRows(data, rows, Metric.INNER_PRODUCT, 20, 1));
  }

  @Test
  void everyPointUpToTheLimitIsExact() {
    float[][] data = Subspace.gaussian(1200, 3, 8, 8);
    double[] every = IntrinsicDimensionality.ofEveryPoint(data, Metric.L2, 20, 1, 2);
    assertArrayEquals(IntrinsicDimensionality.ofRows(data, IntStream.range(0, 1200).toArray(), Metric.L2, 20, 1), every);
  }

  /** Above the limit the neighbours come from a provisional graph: the estimates stay close. */
  @Test
  void everyPointAboveTheLimitComesFromAGraphAndAgreesWithExact() {
    int n = NearestNeighbours.EXACT_LIMIT + 500;
    float[][] data = Subspace.gaussian(n, 6, 16, 9);
    double[] every = IntrinsicDimensionality.ofEveryPoint(data, Metric.L2, 20, 1, 2);
    assertEquals(n, every.length);
    int[] rows = new SplittableRandom(10).ints(400, 0, n).toArray();
    double[] exact = IntrinsicDimensionality.ofRows(data, rows, Metric.L2, 20, 2);
    double difference = 0;
    for (int i = 0; i < rows.length; i++) {
      difference += Math.abs(every[rows[i]] - exact[i]) / exact[i];
    }
    difference /= rows.length;
    assertTrue(difference < 0.01, "mean relative difference " + difference);
  }

  @Test
  void tinySetsUseTheNeighboursThereAre() {
    float[][] three = {{0, 0}, {1, 0}, {0, 3}};
    double[] lid = IntrinsicDimensionality.ofEveryPoint(three, Metric.L2, 20, 1, 1);
    // Point 0 has neighbours at 1 and 3: 1 / ln(3).
    assertEquals(1 / Math.log(3), lid[0], 1e-6);
    assertTrue(Double.isNaN(IntrinsicDimensionality.ofEveryPoint(new float[][] {{1, 2}}, Metric.L2, 20, 1, 1)[0]));
  }

  @Test
  void badArgumentsAreNamed() {
    float[][] data = Subspace.gaussian(50, 2, 4, 1);
    assertMessage("k must be in 2..1000, got 1", () -> IntrinsicDimensionality.ofEveryPoint(data, Metric.L2, 1, 1, 1));
    assertMessage("vectors must hold at least one vector",
        () -> IntrinsicDimensionality.ofEveryPoint(new float[0][], Metric.L2, 20, 1, 1));
    assertMessage("row 50 is outside 0..49", () -> IntrinsicDimensionality.ofRows(data, new int[] {50}, Metric.L2, 20, 1));
    float[][] ragged = {{1, 2}, {1, 2, 3}, {0, 1}};
    assertMessage("dimension 3", () -> IntrinsicDimensionality.ofEveryPoint(ragged, Metric.L2, 20, 1, 1));
    float[][] nan = {{1, 2}, {Float.NaN, 2}, {0, 1}};
    assertMessage("NaN", () -> IntrinsicDimensionality.ofEveryPoint(nan, Metric.L2, 20, 1, 1));
    assertMessage("threads must be in 1..4096, got 0", () -> IntrinsicDimensionality.ofEveryPoint(data, Metric.L2, 20, 1, 0));
  }

  static void assertMessage(String part, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
