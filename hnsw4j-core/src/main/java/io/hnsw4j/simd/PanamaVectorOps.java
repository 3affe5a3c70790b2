package io.hnsw4j.simd;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API ({@code jdk.incubator.vector}), using the widest species the CPU
 * prefers. Only loaded reflectively by {@link VectorOpsProvider} once the module is known to be
 * present, so nothing else in the library links against the incubator module. The segment kernels
 * live in {@link PanamaSegmentKernels}.
 *
 * <p>Vectors shorter than {@link #SHORT_LIMIT} take a compact two-accumulator kernel, small enough
 * for C2 to inline into the caller. Longer ones take a main loop with four independent accumulators
 * (an FMA has a latency of several cycles; a single accumulator would serialise on it), then a
 * one-vector loop.
 *
 * <p>Elements left over after whole vectors (fewer than one vector's worth) are counted by
 * reloading the last full vector of the input and merging only its not yet counted lanes into the
 * accumulator: plain loads and a blend, much cheaper than a scalar loop (several ns per element on
 * segments) and, unlike masked loads, fast on every CPU. Only inputs shorter than one vector run a
 * scalar loop.
 */
public final class PanamaVectorOps implements VectorOps {

  // Static finals so the JIT constant-folds the species; no lookups per call.
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  static final int LANES = SPECIES.length();
  static final int UNROLLED = 4 * LANES;

  /**
   * Below this length the two-accumulator kernel: inlined into its caller it beats the
   * four-accumulator one there (on Zen 3 with AVX2, dot at 96 dims about 8 ns against 14 ns, at 384
   * dims 26 ns against 29 ns; past ~500 floats the four accumulators win).
   */
  static final int SHORT_LIMIT = 64 * LANES;

  private static final float[] IOTA = new float[LANES];

  static {
    for (int i = 0; i < LANES; i++) {
      IOTA[i] = i;
    }
  }

  private final String name = "panama-" + SPECIES.vectorBitSize();

  /** Public for {@link VectorOpsProvider}, which creates it reflectively. */
  public PanamaVectorOps() {}

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    return length < SHORT_LIMIT
        ? dotShort(a, aOffset, b, bOffset, length)
        : dotLong(a, aOffset, b, bOffset, length);
  }

  @Override
  public float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
    return length < SHORT_LIMIT
        ? squareDistanceShort(a, aOffset, b, bOffset, length)
        : squareDistanceLong(a, aOffset, b, bOffset, length);
  }

  @Override
  public void dot4(
      float[] q, int qOffset, float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset,
      float[] d, int dOffset, int length, float[] out, int at) {
    if (length >= LANES && length < SHORT_LIMIT) {
      PanamaBatchKernels.dot4(q, qOffset, a, aOffset, b, bOffset, c, cOffset, d, dOffset, length, out, at);
    } else {
      VectorOps.super.dot4(q, qOffset, a, aOffset, b, bOffset, c, cOffset, d, dOffset, length, out, at);
    }
  }

  @Override
  public void squareDistance4(
      float[] q, int qOffset, float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset,
      float[] d, int dOffset, int length, float[] out, int at) {
    if (length >= LANES && length < SHORT_LIMIT) {
      PanamaBatchKernels.squareDistance4(q, qOffset, a, aOffset, b, bOffset, c, cOffset, d, dOffset, length, out, at);
    } else {
      VectorOps.super.squareDistance4(q, qOffset, a, aOffset, b, bOffset, c, cOffset, d, dOffset, length, out, at);
    }
  }

  @Override
  public void dot4(
      float[] q, int qOffset, MemorySegment vectors, long a, long b, long c, long d, int length, float[] out, int at) {
    if (length >= LANES && length < SHORT_LIMIT && PanamaSegmentKernels.loadsFloats(vectors)) {
      PanamaBatchKernels.dot4(q, qOffset, vectors, a, b, c, d, length, out, at);
    } else {
      VectorOps.super.dot4(q, qOffset, vectors, a, b, c, d, length, out, at);
    }
  }

  @Override
  public void squareDistance4(
      float[] q, int qOffset, MemorySegment vectors, long a, long b, long c, long d, int length, float[] out, int at) {
    if (length >= LANES && length < SHORT_LIMIT && PanamaSegmentKernels.loadsFloats(vectors)) {
      PanamaBatchKernels.squareDistance4(q, qOffset, vectors, a, b, c, d, length, out, at);
    } else {
      VectorOps.super.squareDistance4(q, qOffset, vectors, a, b, c, d, length, out, at);
    }
  }

  @Override
  public float dot(float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    return PanamaSegmentKernels.dot(a, aOffset, b, bByteOffset, length);
  }

  @Override
  public float squareDistance(
      float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    return PanamaSegmentKernels.squareDistance(a, aOffset, b, bByteOffset, length);
  }

  @Override
  public float dotInt8(float[] a, int aOffset, byte[] codes, int cOffset, int length) {
    return PanamaInt8Kernels.dot(a, aOffset, codes, cOffset, length);
  }

  @Override
  public int dotBits(long[] planes, byte[] codes, int cOffset, int words) {
    return PanamaBitKernels.dot(planes, codes, cOffset, words);
  }

  @Override
  public float dotInt4(float[] weights, byte[] codes, int cOffset, int bytes) {
    return PanamaInt4Kernels.dot(weights, codes, cOffset, bytes);
  }

  @Override
  public String name() {
    return name;
  }

  // Shuffles that bring lane i + k to lane i, for the fixed-order sum below.
  private static final VectorShuffle<Float> FOLD_8 = fold(8);
  private static final VectorShuffle<Float> FOLD_4 = fold(4);
  private static final VectorShuffle<Float> FOLD_2 = fold(2);
  private static final VectorShuffle<Float> FOLD_1 = fold(1);

  private static VectorShuffle<Float> fold(int k) {
    return VectorShuffle.iota(SPECIES, k < LANES ? k : 0, 1, true);
  }

  /**
   * Sum of the lanes, always added in the same order (halves, then quarters, ...). {@code
   * reduceLanes(ADD)} leaves the order open, and the interpreter and compiled code really do differ
   * in the last bit, so the same query could get two distances for one vector.
   */
  static float sumLanes(FloatVector v) {
    if (LANES > 8) {
      v = v.add(v.rearrange(FOLD_8));
    }
    if (LANES > 4) {
      v = v.add(v.rearrange(FOLD_4));
    }
    if (LANES > 2) {
      v = v.add(v.rearrange(FOLD_2));
    }
    if (LANES > 1) {
      v = v.add(v.rearrange(FOLD_1));
    }
    return v.lane(0);
  }

  /**
   * The last {@code rest} lanes (0 < rest < LANES): those of a vector reloaded from the end of the
   * input that no earlier step has counted.
   */
  static VectorMask<Float> lastLanes(int rest) {
    return FloatVector.fromArray(SPECIES, IOTA, 0)
        .compare(VectorOperators.GE, (float) (LANES - rest));
  }

  private static float dotShort(float[] a, int aOffset, float[] b, int bOffset, int length) {
    FloatVector acc = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    int i = 0;
    int bound = length & -(2 * LANES);
    for (; i < bound; i += 2 * LANES) {
      int ai = aOffset + i;
      int bi = bOffset + i;
      acc = FloatVector.fromArray(SPECIES, a, ai).fma(FloatVector.fromArray(SPECIES, b, bi), acc);
      acc1 =
          FloatVector.fromArray(SPECIES, a, ai + LANES)
              .fma(FloatVector.fromArray(SPECIES, b, bi + LANES), acc1);
    }
    if (i <= length - LANES) {
      acc =
          FloatVector.fromArray(SPECIES, a, aOffset + i)
              .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc);
      i += LANES;
    }
    acc = acc.add(acc1);
    if (i < length && length >= LANES) {
      int last = length - LANES;
      FloatVector withLast =
          FloatVector.fromArray(SPECIES, a, aOffset + last)
              .fma(FloatVector.fromArray(SPECIES, b, bOffset + last), acc);
      acc = acc.blend(withLast, lastLanes(length - i));
      i = length;
    }
    float sum = sumLanes(acc);
    for (; i < length; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }

  /**
   * Kept under HotSpot's inlining limit for hot methods (FreqInlineSize, 325 bytes of bytecode),
   * so that the search loop inlines it: at 330 bytes it was called instead, and searches on L2
   * vectors ran 25-30% slower (siftsmall, ef 20, alternating JVMs with the limit raised). Vectors
   * shorter than a lane count go to a scalar loop, which sums in the same order as before.
   */
  private static float squareDistanceShort(
      float[] a, int aOffset, float[] b, int bOffset, int length) {
    if (length < LANES) {
      return scalarSquareDistance(a, aOffset, b, bOffset, length);
    }
    FloatVector acc = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    int i = 0;
    int bound = length & -(2 * LANES);
    for (; i < bound; i += 2 * LANES) {
      int ai = aOffset + i;
      int bi = bOffset + i;
      FloatVector d0 =
          FloatVector.fromArray(SPECIES, a, ai).sub(FloatVector.fromArray(SPECIES, b, bi));
      FloatVector d1 =
          FloatVector.fromArray(SPECIES, a, ai + LANES)
              .sub(FloatVector.fromArray(SPECIES, b, bi + LANES));
      acc = d0.fma(d0, acc);
      acc1 = d1.fma(d1, acc1);
    }
    if (i <= length - LANES) {
      FloatVector d =
          FloatVector.fromArray(SPECIES, a, aOffset + i)
              .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
      acc = d.fma(d, acc);
      i += LANES;
    }
    acc = acc.add(acc1);
    if (i < length) {
      int last = length - LANES;
      FloatVector d =
          FloatVector.fromArray(SPECIES, a, aOffset + last)
              .sub(FloatVector.fromArray(SPECIES, b, bOffset + last));
      acc = acc.blend(d.fma(d, acc), lastLanes(length - i));
    }
    return sumLanes(acc);
  }

  /** Below one lane count: what the vector loop's zero sum plus its scalar tail added. */
  private static float scalarSquareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float sum = 0f;
    for (int i = 0; i < length; i++) {
      float d = a[aOffset + i] - b[bOffset + i];
      sum += d * d;
    }
    return sum;
  }

  private static float dotLong(float[] a, int aOffset, float[] b, int bOffset, int length) {
    FloatVector acc = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    FloatVector acc2 = FloatVector.zero(SPECIES);
    FloatVector acc3 = FloatVector.zero(SPECIES);
    int i = 0;
    // UNROLLED is a power of two, so masking gives the largest multiple not above length.
    int bound = length & -UNROLLED;
    for (; i < bound; i += UNROLLED) {
      int ai = aOffset + i;
      int bi = bOffset + i;
      acc = FloatVector.fromArray(SPECIES, a, ai).fma(FloatVector.fromArray(SPECIES, b, bi), acc);
      acc1 =
          FloatVector.fromArray(SPECIES, a, ai + LANES)
              .fma(FloatVector.fromArray(SPECIES, b, bi + LANES), acc1);
      acc2 =
          FloatVector.fromArray(SPECIES, a, ai + 2 * LANES)
              .fma(FloatVector.fromArray(SPECIES, b, bi + 2 * LANES), acc2);
      acc3 =
          FloatVector.fromArray(SPECIES, a, ai + 3 * LANES)
              .fma(FloatVector.fromArray(SPECIES, b, bi + 3 * LANES), acc3);
    }
    acc = acc.add(acc1).add(acc2.add(acc3));
    int vectorBound = length & -LANES;
    for (; i < vectorBound; i += LANES) {
      acc =
          FloatVector.fromArray(SPECIES, a, aOffset + i)
              .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc);
    }
    if (i < length) {
      int last = length - LANES;
      FloatVector withLast =
          FloatVector.fromArray(SPECIES, a, aOffset + last)
              .fma(FloatVector.fromArray(SPECIES, b, bOffset + last), acc);
      acc = acc.blend(withLast, lastLanes(length - i));
    }
    return sumLanes(acc);
  }

  private static float squareDistanceLong(
      float[] a, int aOffset, float[] b, int bOffset, int length) {
    FloatVector acc = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    FloatVector acc2 = FloatVector.zero(SPECIES);
    FloatVector acc3 = FloatVector.zero(SPECIES);
    int i = 0;
    int bound = length & -UNROLLED;
    for (; i < bound; i += UNROLLED) {
      int ai = aOffset + i;
      int bi = bOffset + i;
      FloatVector d0 =
          FloatVector.fromArray(SPECIES, a, ai).sub(FloatVector.fromArray(SPECIES, b, bi));
      FloatVector d1 =
          FloatVector.fromArray(SPECIES, a, ai + LANES)
              .sub(FloatVector.fromArray(SPECIES, b, bi + LANES));
      FloatVector d2 =
          FloatVector.fromArray(SPECIES, a, ai + 2 * LANES)
              .sub(FloatVector.fromArray(SPECIES, b, bi + 2 * LANES));
      FloatVector d3 =
          FloatVector.fromArray(SPECIES, a, ai + 3 * LANES)
              .sub(FloatVector.fromArray(SPECIES, b, bi + 3 * LANES));
      acc = d0.fma(d0, acc);
      acc1 = d1.fma(d1, acc1);
      acc2 = d2.fma(d2, acc2);
      acc3 = d3.fma(d3, acc3);
    }
    acc = acc.add(acc1).add(acc2.add(acc3));
    int vectorBound = length & -LANES;
    for (; i < vectorBound; i += LANES) {
      FloatVector d =
          FloatVector.fromArray(SPECIES, a, aOffset + i)
              .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
      acc = d.fma(d, acc);
    }
    if (i < length) {
      int last = length - LANES;
      FloatVector d =
          FloatVector.fromArray(SPECIES, a, aOffset + last)
              .sub(FloatVector.fromArray(SPECIES, b, bOffset + last));
      acc = acc.blend(d.fma(d, acc), lastLanes(length - i));
    }
    return sumLanes(acc);
  }
}
