package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistributionTest {

  @Test
  void summarisesAndSetsNaNApart() {
    Distribution d = Distribution.of(new double[] {4, Double.NaN, 1, 3, 2, 10});
    assertEquals(5, d.count());
    assertEquals(1, d.undefined());
    assertEquals(1, d.min());
    assertEquals(10, d.max());
    assertEquals(4, d.mean(), 1e-12);
    assertEquals(3, d.quantile(0.5));
    assertEquals(1.5, d.quantile(0.125), 1e-12); // halfway between the two smallest
    assertEquals(10, d.quantile(1));
    assertArrayEquals(new double[] {1, 2, 3, 4, 10}, d.sortedValues());
    // Bins of width 2 over [0, 8): 1 | 2 3 | 4 | - ; 10 falls past the end into the last bin.
    assertArrayEquals(new long[] {1, 2, 1, 1}, d.histogram(4, 0, 8));
  }

  @Test
  void emptyHasNoValues() {
    Distribution d = Distribution.of(new double[] {Double.NaN});
    assertEquals(0, d.count());
    assertTrue(Double.isNaN(d.mean()) && Double.isNaN(d.quantile(0.5)) && Double.isNaN(d.min()));
    assertArrayEquals(new long[] {0, 0}, d.histogram(2, 0, 1));
  }

  @Test
  void badArgumentsAreNamed() {
    Distribution d = Distribution.of(new double[] {1});
    assertThrows(IllegalArgumentException.class, () -> Distribution.of(null));
    assertThrows(IllegalArgumentException.class, () -> Distribution.of(new double[] {Double.POSITIVE_INFINITY}));
    assertThrows(IllegalArgumentException.class, () -> d.quantile(1.5));
    assertThrows(IllegalArgumentException.class, () -> d.histogram(0, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> d.histogram(3, 1, 1));
  }
}
