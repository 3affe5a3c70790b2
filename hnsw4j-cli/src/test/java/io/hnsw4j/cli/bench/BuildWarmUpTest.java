package io.hnsw4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the untimed builds before the timed ones may stop. */
class BuildWarmUpTest {

  @Test
  void stopsOnceTwoBuildsAreDoneTheTimeIsSpentAndTheBuildsNoLongerSpeedUp() {
    assertTrue(BenchRunner.buildWarmedUp(2, true, 0.70, 0.69));
    assertTrue(BenchRunner.buildWarmedUp(3, true, 0.60, 0.64), "a slower build is settled too");
  }

  @Test
  void goesOnWhileTheJitStillSpeedsTheBuildUp() {
    assertFalse(BenchRunner.buildWarmedUp(2, true, 1.21, 0.90));
    assertFalse(BenchRunner.buildWarmedUp(5, true, 0.70, 0.66), "6% faster than the one before");
  }

  @Test
  void neverBeforeTwoBuildsOrBeforeTheWarmUpTime() {
    assertFalse(BenchRunner.buildWarmedUp(1, true, Double.NaN, 0.70));
    assertFalse(BenchRunner.buildWarmedUp(4, false, 0.70, 0.70));
  }

  @Test
  void stopsAtTheCapWhateverTheTimes() {
    assertTrue(BenchRunner.buildWarmedUp(BenchRunner.MAX_WARMUP_BUILDS, false, 1.0, 0.5));
    assertEquals(12, BenchRunner.MAX_WARMUP_BUILDS);
  }
}
