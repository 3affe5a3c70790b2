package io.hnsw4j.simd;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Panama and scalar kernels against each other and against a double-precision reference, for every
 * length up to 1100 and for arrays, heap segments and native segments at random offsets.
 *
 * <p>Errors are relative to the sum of the absolute values of the terms: a dot product can cancel
 * to near zero, where an error relative to the result itself would be meaningless.
 */
class VectorOpsAgreementTest {

  static final long SEED = Long.getLong("hnsw4j.test.seed", 0x5EED_2025L);
  static final double REL_TOL = 1e-5;
  static final int MAX_LENGTH = 1100;

  private final VectorOps scalar = new ScalarVectorOps();
  private final VectorOps panama = new PanamaVectorOps();

  /** One query/data pair of a given length, laid out in all the places b can be read from. */
  private record Case(
      float[] a,
      int aOffset,
      float[] b,
      int bOffset,
      MemorySegment bBytes,
      long bBytesOffset,
      MemorySegment bFloats,
      long bFloatsOffset,
      MemorySegment bNative,
      long bNativeOffset,
      MemorySegment bLongs,
      long bLongsOffset,
      int length) {}

  @Test
  void everyLengthAgreesWithScalarAndDoubleReference() {
    SplittableRandom random = new SplittableRandom(SEED);
    try (Arena arena = Arena.ofConfined()) {
      for (int length = 1; length <= MAX_LENGTH; length++) {
        Case c = randomCase(random, arena, length);
        checkCase(c, "seed=" + SEED + " length=" + length);
      }
    }
  }

  @Test
  void everyLengthWithWideRangeOfMagnitudes() {
    // Values spread over many binades, so lanes and accumulators see very different sizes.
    SplittableRandom random = new SplittableRandom(SEED ^ 0x9E3779B97F4A7C15L);
    try (Arena arena = Arena.ofConfined()) {
      for (int length = 1; length <= MAX_LENGTH; length += 7) {
        Case c = randomCase(random, arena, length);
        for (int i = 0; i < length; i++) {
          float scale = (float) Math.scalb(1.0, random.nextInt(-20, 21));
          c.a[c.aOffset + i] *= scale;
        }
        checkCase(c, "wide magnitudes seed=" + SEED + " length=" + length);
      }
    }
  }

  private static Case randomCase(SplittableRandom random, Arena arena, int length) {
    int aOffset = random.nextInt(1, 17);
    int bOffset = random.nextInt(1, 17);
    float[] a = new float[aOffset + length + random.nextInt(0, 9)];
    float[] b = new float[bOffset + length + random.nextInt(0, 9)];
    fill(random, a);
    fill(random, b);

    // byte[]-backed heap segment at any byte offset, including unaligned ones.
    long bytesOffset = random.nextInt(1, 16);
    MemorySegment bytes = MemorySegment.ofArray(new byte[(int) bytesOffset + 4 * length + 5]);
    // float[]-backed heap segment at a whole-float offset.
    int floatsIndex = random.nextInt(1, 9);
    MemorySegment floats = MemorySegment.ofArray(new float[floatsIndex + length + 3]);
    long floatsOffset = 4L * floatsIndex;
    // Native segment at any byte offset.
    long nativeOffset = random.nextInt(1, 64);
    MemorySegment nat = arena.allocate(nativeOffset + 4L * length + 7, 1);
    // long[]-backed heap segment, read-only: neither float nor byte loads apply to it.
    long longsOffset = random.nextInt(1, 16);
    MemorySegment longs =
        MemorySegment.ofArray(new long[(int) (longsOffset + 4L * length) / 8 + 2]);
    for (int i = 0; i < length; i++) {
      float v = b[bOffset + i];
      bytes.set(ScalarVectorOps.LE_FLOAT, bytesOffset + 4L * i, v);
      floats.set(ScalarVectorOps.LE_FLOAT, floatsOffset + 4L * i, v);
      nat.set(ScalarVectorOps.LE_FLOAT, nativeOffset + 4L * i, v);
      longs.set(ScalarVectorOps.LE_FLOAT, longsOffset + 4L * i, v);
    }
    return new Case(
        a,
        aOffset,
        b,
        bOffset,
        bytes,
        bytesOffset,
        floats,
        floatsOffset,
        nat,
        nativeOffset,
        longs.asReadOnly(),
        longsOffset,
        length);
  }

  /** Non-zero values in [-1, -1e-3] or [1e-3, 1]. */
  private static void fill(SplittableRandom random, float[] values) {
    for (int i = 0; i < values.length; i++) {
      float v = (float) random.nextDouble(1e-3, 1.0);
      values[i] = random.nextBoolean() ? v : -v;
    }
  }

  private void checkCase(Case c, String context) {
    double dotRef = 0;
    double dotAbs = 0;
    double sqRef = 0;
    for (int i = 0; i < c.length; i++) {
      double x = c.a[c.aOffset + i];
      double y = c.b[c.bOffset + i];
      dotRef += x * y;
      dotAbs += Math.abs(x * y);
      sqRef += (x - y) * (x - y);
    }
    // Squared terms are non-negative: their absolute sum is the reference itself.
    double sqAbs = sqRef;

    float[] scalarResults = results(scalar, c);
    float[] panamaResults = results(panama, c);
    for (int k = 0; k < scalarResults.length; k++) {
      boolean isDot = k % 2 == 0;
      double ref = isDot ? dotRef : sqRef;
      double abs = isDot ? dotAbs : sqAbs;
      String what = context + " " + LABELS[k];
      assertClose(ref, scalarResults[k], abs, "scalar vs double, " + what);
      assertClose(ref, panamaResults[k], abs, "panama vs double, " + what);
      assertClose(scalarResults[k], panamaResults[k], abs, "panama vs scalar, " + what);
    }
  }

  private static final String[] LABELS = {
    "dot(array)", "squareDistance(array)",
    "dot(byte[] segment)", "squareDistance(byte[] segment)",
    "dot(float[] segment)", "squareDistance(float[] segment)",
    "dot(native segment)", "squareDistance(native segment)",
    "dot(read-only long[] segment)", "squareDistance(read-only long[] segment)",
  };

  private static float[] results(VectorOps ops, Case c) {
    return new float[] {
      ops.dot(c.a, c.aOffset, c.b, c.bOffset, c.length),
      ops.squareDistance(c.a, c.aOffset, c.b, c.bOffset, c.length),
      ops.dot(c.a, c.aOffset, c.bBytes, c.bBytesOffset, c.length),
      ops.squareDistance(c.a, c.aOffset, c.bBytes, c.bBytesOffset, c.length),
      ops.dot(c.a, c.aOffset, c.bFloats, c.bFloatsOffset, c.length),
      ops.squareDistance(c.a, c.aOffset, c.bFloats, c.bFloatsOffset, c.length),
      ops.dot(c.a, c.aOffset, c.bNative, c.bNativeOffset, c.length),
      ops.squareDistance(c.a, c.aOffset, c.bNative, c.bNativeOffset, c.length),
      ops.dot(c.a, c.aOffset, c.bLongs, c.bLongsOffset, c.length),
      ops.squareDistance(c.a, c.aOffset, c.bLongs, c.bLongsOffset, c.length),
    };
  }

  static void assertClose(double expected, double actual, double absSum, String message) {
    double error = Math.abs(expected - actual);
    double allowed = REL_TOL * absSum;
    if (!(error <= allowed)) {
      fail(
          message
              + ": expected "
              + expected
              + " got "
              + actual
              + ", error "
              + error
              + " > "
              + allowed
              + " (1e-5 x sum of |terms| "
              + absSum
              + ")");
    }
  }
}
