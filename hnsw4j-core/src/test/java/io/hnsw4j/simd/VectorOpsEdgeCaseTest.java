package io.hnsw4j.simd;

import static io.hnsw4j.simd.VectorOpsAgreementTest.SEED;
import static io.hnsw4j.simd.VectorOpsAgreementTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** Provider choice, empty input, extreme values and bounds, for both implementations. */
class VectorOpsEdgeCaseTest {

  private static final List<VectorOps> ALL = List.of(new ScalarVectorOps(), new PanamaVectorOps());

  // Lengths around the vector and unrolled-loop boundaries for 128-, 256- and 512-bit species.
  private static final int[] LENGTHS = {1, 3, 7, 8, 9, 31, 32, 33, 63, 64, 65, 100, 129, 1000};

  @Test
  void providerPicksPanamaWhenModulePresent() {
    assumeFalse("scalar".equalsIgnoreCase(System.getProperty("hnsw4j.simd", "")));
    assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    VectorOps ops = VectorOps.get();
    assertInstanceOf(PanamaVectorOps.class, ops);
    assertEquals("panama-" + FloatVector.SPECIES_PREFERRED.vectorBitSize(), ops.name());
    assertEquals("scalar", new ScalarVectorOps().name());
  }

  @Test
  void lengthZeroReturnsZero() {
    float[] a = new float[5];
    MemorySegment empty = MemorySegment.ofArray(new byte[0]);
    for (VectorOps ops : ALL) {
      String m = ops.name();
      assertEquals(0f, ops.dot(a, 0, a, 0, 0), m);
      assertEquals(0f, ops.squareDistance(a, 3, a, 5, 0), m);
      assertEquals(0f, ops.dot(new float[0], 0, empty, 0, 0), m);
      assertEquals(0f, ops.squareDistance(a, 5, empty, 0, 0), m);
    }
  }

  @Test
  void largeMagnitudesStayFiniteAndAgree() {
    // Products near 1e34, sums near 1e37: far from float overflow, far from float ulp of 1.
    checkAgreement(1e17f, 1e17f, "large");
  }

  @Test
  void negativeValuesAgree() {
    checkAgreement(-1f, -1f, "negative");
  }

  @Test
  void subnormalsDoNotCrash() {
    // Subnormal inputs: products underflow to zero, differences stay subnormal.
    checkAgreement(Float.MIN_NORMAL / 4, 1f, "subnormal x normal");
    checkAgreement(Float.MIN_VALUE * 7, Float.MIN_VALUE * 3, "subnormal x subnormal");
  }

  @Test
  void overflowGivesInfinityInBoth() {
    for (int length : LENGTHS) {
      float[] a = filled(length, 1e30f);
      float[] b = filled(length, -1e30f);
      MemorySegment seg = toSegment(b, Arena.global());
      for (VectorOps ops : ALL) {
        String m = ops.name() + " length=" + length;
        assertEquals(Float.NEGATIVE_INFINITY, ops.dot(a, 0, b, 0, length), m);
        assertEquals(Float.POSITIVE_INFINITY, ops.squareDistance(a, 0, b, 0, length), m);
        assertEquals(Float.NEGATIVE_INFINITY, ops.dot(a, 0, seg, 0, length), m);
        assertEquals(Float.POSITIVE_INFINITY, ops.squareDistance(a, 0, seg, 0, length), m);
      }
    }
  }

  @Test
  void infinityAnywhereGivesInfinity() {
    // The vector kernels reload the last full vector for the tail; lanes counted before must not
    // be counted again, nor turn an infinity into NaN (Inf * 0).
    for (int length = 1; length <= 80; length++) {
      for (int p = 0; p < length; p++) {
        float[] a = filled(length, 0.5f);
        float[] b = filled(length, 0.25f);
        a[p] = Float.POSITIVE_INFINITY;
        MemorySegment seg = toSegment(b, Arena.global());
        MemorySegment bytes = MemorySegment.ofArray(new byte[4 * length]);
        MemorySegment.copy(seg, 0, bytes, 0, 4L * length);
        for (VectorOps ops : ALL) {
          String m = ops.name() + " length=" + length + " inf at " + p;
          assertEquals(Float.POSITIVE_INFINITY, ops.dot(a, 0, b, 0, length), m);
          assertEquals(Float.POSITIVE_INFINITY, ops.squareDistance(a, 0, b, 0, length), m);
          assertEquals(Float.POSITIVE_INFINITY, ops.dot(a, 0, seg, 0, length), m);
          assertEquals(Float.POSITIVE_INFINITY, ops.squareDistance(a, 0, bytes, 0, length), m);
        }
      }
    }
  }

  @Test
  void nanPropagates() {
    for (int length : LENGTHS) {
      float[] a = filled(length, 0.5f);
      float[] b = filled(length, 0.25f);
      b[length - 1] = Float.NaN;
      MemorySegment seg = toSegment(b, Arena.global());
      for (VectorOps ops : ALL) {
        String m = ops.name() + " length=" + length;
        assertTrue(Float.isNaN(ops.dot(a, 0, b, 0, length)), m);
        assertTrue(Float.isNaN(ops.squareDistance(a, 0, b, 0, length)), m);
        assertTrue(Float.isNaN(ops.dot(a, 0, seg, 0, length)), m);
        assertTrue(Float.isNaN(ops.squareDistance(a, 0, seg, 0, length)), m);
      }
    }
  }

  @Test
  void readingPastTheEndThrows() {
    for (int length : LENGTHS) {
      float[] a = new float[length + 2];
      float[] shortB = new float[length - 1 + 2];
      MemorySegment shortSeg = MemorySegment.ofArray(new byte[4 * (length - 1)]);
      for (VectorOps ops : ALL) {
        String m = ops.name() + " length=" + length;
        assertThrows(IndexOutOfBoundsException.class, () -> ops.dot(a, 0, shortB, 3, length), m);
        assertThrows(
            IndexOutOfBoundsException.class, () -> ops.squareDistance(a, 3, a, 0, length), m);
        assertThrows(IndexOutOfBoundsException.class, () -> ops.dot(a, 0, shortSeg, 0, length), m);
        assertThrows(
            IndexOutOfBoundsException.class,
            () -> ops.squareDistance(a, 0, shortSeg, 4, Math.max(1, length - 1)),
            m);
      }
    }
  }

  /** Random values in [0.5, 1) times the given scales, checked against a double reference. */
  private static void checkAgreement(float aScale, float bScale, String label) {
    SplittableRandom random = new SplittableRandom(SEED ^ label.hashCode());
    VectorOps scalar = ALL.get(0);
    VectorOps panama = ALL.get(1);
    for (int length : LENGTHS) {
      float[] a = new float[length];
      float[] b = new float[length];
      for (int i = 0; i < length; i++) {
        a[i] = aScale * (float) random.nextDouble(0.5, 1.0);
        b[i] = bScale * (float) random.nextDouble(0.5, 1.0);
      }
      MemorySegment seg = toSegment(b, Arena.global());
      double dotRef = 0;
      double dotAbs = 0;
      double sqRef = 0;
      for (int i = 0; i < length; i++) {
        dotRef += (double) a[i] * b[i];
        dotAbs += Math.abs((double) a[i] * b[i]);
        sqRef += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
      }
      String m = label + " seed=" + SEED + " length=" + length;
      for (VectorOps ops : ALL) {
        float dot = ops.dot(a, 0, b, 0, length);
        float sq = ops.squareDistance(a, 0, b, 0, length);
        float dotSeg = ops.dot(a, 0, seg, 0, length);
        float sqSeg = ops.squareDistance(a, 0, seg, 0, length);
        String mm = ops.name() + " " + m;
        assertTrue(Float.isFinite(dot) && Float.isFinite(sq), mm);
        // Underflowed products lose everything below float's range: allow that absolute slack.
        double floor = length * (double) Float.MIN_VALUE;
        assertClose(dotRef, dot, dotAbs + floor * 1e5, "dot " + mm);
        assertClose(sqRef, sq, sqRef + floor * 1e5, "squareDistance " + mm);
        assertClose(dotRef, dotSeg, dotAbs + floor * 1e5, "dot(segment) " + mm);
        assertClose(sqRef, sqSeg, sqRef + floor * 1e5, "squareDistance(segment) " + mm);
      }
      assertClose(
          scalar.dot(a, 0, b, 0, length), panama.dot(a, 0, b, 0, length), dotAbs, "dot " + m);
    }
  }

  private static float[] filled(int length, float value) {
    float[] values = new float[length];
    Arrays.fill(values, value);
    return values;
  }

  private static MemorySegment toSegment(float[] values, Arena arena) {
    MemorySegment seg = arena.allocate(4L * values.length, 4);
    for (int i = 0; i < values.length; i++) {
      seg.set(ScalarVectorOps.LE_FLOAT, 4L * i, values[i]);
    }
    return seg;
  }
}
