package io.hnsw4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Checks#prepare}: the bit test for non-finite components against Float.isFinite. */
class ChecksTest {
  private static final float[] FINITE_EDGES = {
    0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-40f, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -3.5f
  };
  private static final float[] NON_FINITE = {
    Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc00001),
    Float.intBitsToFloat(0xffffffff), Float.intBitsToFloat(0x7f800001)
  };

  @Test
  void finiteEdgeValuesPassAtEveryLength() {
    SplittableRandom random = new SplittableRandom(5);
    for (int length = 1; length <= 70; length++) {
      float[] v = new float[length];
      for (int i = 0; i < length; i++) {
        v[i] = FINITE_EDGES[random.nextInt(FINITE_EDGES.length)];
      }
      assertSame(v, Checks.prepare(v, length, false, "vector", false));
      float[] copy = Checks.prepare(v, length, false, "vector", true);
      assertNotSame(v, copy);
      assertArrayEquals(v, copy);
    }
  }

  @Test
  void theFirstNonFiniteComponentIsNamedWhereverItIs() {
    for (int length : new int[] {1, 7, 16, 33, 100}) {
      for (int at = 0; at < length; at++) {
        for (float bad : NON_FINITE) {
          float[] v = new float[length];
          java.util.Arrays.fill(v, Float.MAX_VALUE);
          v[at] = bad;
          if (at + 1 < length) {
            v[length - 1] = Float.NaN; // a later bad component is not the one named
          }
          IllegalArgumentException e =
              assertThrows(IllegalArgumentException.class, () -> Checks.prepare(v, length, false, "query", false));
          assertEquals("query[" + at + "] is " + bad + "; components must be finite", e.getMessage());
        }
      }
    }
  }

  @Test
  void normalisedCopiesHaveUnitLengthAndKeepDirection() {
    float[] v = {3, 0, -4};
    float[] out = Checks.prepare(v, 3, true, "vector", false);
    assertArrayEquals(new float[] {0.6f, 0f, -0.8f}, out, 1e-7f);
    assertArrayEquals(new float[] {3, 0, -4}, v, 0f);
    assertThrows(IllegalArgumentException.class, () -> Checks.prepare(new float[] {0, -0f}, 2, true, "vector", false));
  }
}
