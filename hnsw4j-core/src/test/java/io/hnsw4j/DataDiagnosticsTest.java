package io.hnsw4j;

import static io.hnsw4j.IntrinsicDimensionalityTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataDiagnosticsTest {

  @Test
  void describesTheSetAndItsSample() {
    float[][] data = Subspace.gaussian(3000, 5, 32, 11);
    DataDiagnostics d = DataDiagnostics.of(data, Metric.L2, 20, 800, 4, 2);
    assertEquals(3000, d.size());
    assertEquals(32, d.dimension());
    assertEquals(Metric.L2, d.metric());
    assertEquals(20, d.k());
    assertEquals(800, d.sampleSize());
    assertEquals(3000, d.norms().count());
    assertEquals(800, d.lid().count());
    assertEquals(5, d.lid().mean(), 0.6);
    assertEquals(800, d.hubness().points());
    assertEquals(20, d.hubness().k());
  }

  @Test
  void normsAreTheGivenVectorsEvenForCosine() {
    float[][] data = {{3, 4}, {0, 2}, {1, 0}, {6, 8}};
    DataDiagnostics d = DataDiagnostics.of(data, Metric.COSINE, 20, 10, 1, 1);
    assertArrayEquals(new double[] {1, 2, 5, 10}, d.norms().sortedValues(), 1e-12);
    assertEquals(3, d.k()); // only three other points
    assertEquals(4, d.sampleSize());
  }

  @Test
  void sameSeedSameResultWhateverTheThreads() {
    float[][] data = Subspace.gaussian(2000, 8, 24, 12);
    DataDiagnostics one = DataDiagnostics.of(data, Metric.L2, 20, 500, 9, 1);
    DataDiagnostics two = DataDiagnostics.of(data, Metric.L2, 20, 500, 9, 2);
    assertArrayEquals(one.lid().sortedValues(), two.lid().sortedValues());
    assertEquals(one.hubness(), two.hubness());
    DataDiagnostics other = DataDiagnostics.of(data, Metric.L2, 20, 500, 10, 1);
    assertTrue(one.lid().mean() != other.lid().mean(), "another seed samples other points");
  }

  /**
   * Hubness grows with intrinsic dimension (Radovanović et al.): k-occurrences of 3,000 Gaussian
   * points are nearly symmetric in 2 dimensions and strongly skewed in 50. Measured -0.10 and 4.42.
   */
  @Test
  void hubnessGrowsWithDimension() {
    Hubness low = DataDiagnostics.of(Subspace.gaussian(3000, 2, 2, 13), Metric.L2, 10, 3000, 1, 2).hubness();
    Hubness high = DataDiagnostics.of(Subspace.gaussian(3000, 50, 50, 14), Metric.L2, 10, 3000, 1, 2).hubness();
    assertTrue(low.skewness() < 0.6, "2-d skewness " + low.skewness());
    assertTrue(high.skewness() > 1.5, "50-d skewness " + high.skewness());
    assertTrue(high.antiHubFraction() > low.antiHubFraction());
  }

  @Test
  void badArgumentsAreNamed() {
    float[][] data = {{1, 2}, {3, 4}, {5, 6}};
    assertMessage("sampleSize must be >= 1, got 0", () -> DataDiagnostics.of(data, Metric.L2, 20, 0, 1, 1));
    assertMessage("k must be in 2..1000", () -> DataDiagnostics.of(data, Metric.L2, 1001, 5, 1, 1));
    assertMessage("all zeros", () -> DataDiagnostics.of(new float[][] {{1, 2}, {0, 0}}, Metric.COSINE, 20, 5, 1, 1));
    assertMessage("metric must not be null", () -> DataDiagnostics.of(data, null, 20, 5, 1, 1));
  }
}
