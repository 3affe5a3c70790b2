package io.hnsw4j.cli.analyze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.Distribution;
import org.junit.jupiter.api.Test;

class LidHistogramTest {

  @Test
  void widthsAreRound() {
    assertEquals(0.5, LidHistogram.roundUp(0.3), 1e-12);
    assertEquals(2, LidHistogram.roundUp(1.95), 1e-12);
    assertEquals(2, LidHistogram.roundUp(2.0), 1e-12);
    assertEquals(2.5, LidHistogram.roundUp(2.1), 1e-12);
    assertEquals(10, LidHistogram.roundUp(7), 1e-12);
    assertEquals(1, LidHistogram.roundUp(0), 1e-12);
  }

  @Test
  void binsCoverTheValuesUpToThe99thPercentile() {
    // p99 = 9.9 + 0.96 * (40 - 9.9) = 38.796: four bins of width 10 (38.796 - 3.2 over 4 rounds up
    // to 10) from 0; 40 sits on the last edge and is counted in the last bin.
    LidHistogram h = LidHistogram.of(Distribution.of(new double[] {3.2, 4, 5.5, 9.9, 40}), 4);
    assertEquals(0, h.low());
    assertEquals(40, h.high());
    assertFalse(h.open());
    assertArrayEquals(new long[] {4, 0, 0, 1}, h.counts());
    assertEquals("0-10", h.label(0));
    assertEquals("30-40", h.label(3));

    // A far outlier goes into an open last bin.
    double[] values = new double[201];
    for (int i = 0; i < 200; i++) {
      values[i] = 10 + i * 0.05;
    }
    values[200] = 500;
    h = LidHistogram.of(Distribution.of(values), 20);
    assertTrue(h.open());
    assertTrue(h.label(h.counts().length - 1).endsWith("+"), h.label(h.counts().length - 1));
    assertEquals(201, java.util.Arrays.stream(h.counts()).sum());
  }

  @Test
  void emptyDistributionGivesOneEmptyBar() {
    LidHistogram h = LidHistogram.of(Distribution.of(new double[] {Double.NaN}), 20);
    assertArrayEquals(new long[] {0}, h.counts());
  }
}
