package io.hnsw4j.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API ({@code jdk.incubator.vector}), using the widest species the CPU
 * prefers. Only loaded reflectively by {@link VectorOpsProvider} once the module is known to be
 * present, so nothing else in the library links against the incubator module.
 *
 * <p>Each kernel runs a main loop with four independent accumulators (an FMA has a latency of
 * several cycles; a single accumulator would serialise on it), then a one-vector loop, then a
 * scalar tail of fewer than one vector's worth of elements. A scalar tail is cheaper than a masked
 * load on CPUs without native masked loads (AVX2).
 *
 * <p>Segment kernels pick their load per segment kind (see loadKind): native and float[] segments
 * use float vector loads, byte[] segments byte vector loads, anything else the scalar kernel.
 */
public final class PanamaVectorOps implements VectorOps {

  // Static finals so the JIT constant-folds the species; no lookups per call.
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  private static final int UNROLLED = 4 * LANES;
  private static final long VECTOR_BYTES = (long) LANES * Float.BYTES;
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final ValueLayout.OfFloat LE_FLOAT = ScalarVectorOps.LE_FLOAT;
  // Same shape as SPECIES: one byte vector reinterprets to exactly one float vector.
  private static final VectorSpecies<Byte> BYTE_SPECIES = SPECIES.withLanes(byte.class);
  private static final ScalarVectorOps SCALAR_OPS = new ScalarVectorOps();

  private final String name = "panama-" + SPECIES.vectorBitSize();

  /** Public for {@link VectorOpsProvider}, which creates it reflectively. */
  public PanamaVectorOps() {}

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    int i = 0;
    FloatVector acc = FloatVector.zero(SPECIES);
    if (length >= UNROLLED) {
      FloatVector acc1 = FloatVector.zero(SPECIES);
      FloatVector acc2 = FloatVector.zero(SPECIES);
      FloatVector acc3 = FloatVector.zero(SPECIES);
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
    }
    int vectorBound = length & -LANES;
    for (; i < vectorBound; i += LANES) {
      acc =
          FloatVector.fromArray(SPECIES, a, aOffset + i)
              .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < length; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
    int i = 0;
    FloatVector acc = FloatVector.zero(SPECIES);
    if (length >= UNROLLED) {
      FloatVector acc1 = FloatVector.zero(SPECIES);
      FloatVector acc2 = FloatVector.zero(SPECIES);
      FloatVector acc3 = FloatVector.zero(SPECIES);
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
    }
    int vectorBound = length & -LANES;
    for (; i < vectorBound; i += LANES) {
      FloatVector d =
          FloatVector.fromArray(SPECIES, a, aOffset + i)
              .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
      acc = d.fma(d, acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < length; i++) {
      float d = a[aOffset + i] - b[bOffset + i];
      sum += d * d;
    }
    return sum;
  }

  @Override
  public float dot(float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    return switch (loadKind(b)) {
      case FLOATS -> dotFloats(a, aOffset, b, bByteOffset, length);
      case BYTES -> dotBytes(a, aOffset, b, bByteOffset, length);
      case SCALAR -> SCALAR_OPS.dot(a, aOffset, b, bByteOffset, length);
    };
  }

  @Override
  public float squareDistance(
      float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    return switch (loadKind(b)) {
      case FLOATS -> squareDistanceFloats(a, aOffset, b, bByteOffset, length);
      case BYTES -> squareDistanceBytes(a, aOffset, b, bByteOffset, length);
      case SCALAR -> SCALAR_OPS.squareDistance(a, aOffset, b, bByteOffset, length);
    };
  }

  /** How to load floats from a segment so that C2 emits plain vector loads. */
  private enum LoadKind {
    FLOATS,
    BYTES,
    SCALAR
  }

  /**
   * Float vector loads from a heap segment backed by another primitive array type (a "mismatched"
   * access) are not intrinsified on JDK 25 with AVX2 and run about 20x slower than the scalar loop.
   * A byte[] segment is read as bytes and reinterpreted instead (the Vector API defines that
   * reinterpretation as little-endian on every platform); other arrays and read-only heap segments,
   * whose array is not reachable, take the scalar kernel.
   */
  private static LoadKind loadKind(MemorySegment b) {
    if (b.isNative()) {
      return LoadKind.FLOATS;
    }
    Object base = b.heapBase().orElse(null);
    if (base instanceof float[]) {
      return LoadKind.FLOATS;
    }
    return base instanceof byte[] ? LoadKind.BYTES : LoadKind.SCALAR;
  }

  private static FloatVector loadFloats(MemorySegment b, long byteOffset) {
    return FloatVector.fromMemorySegment(SPECIES, b, byteOffset, LE);
  }

  private static FloatVector loadBytes(MemorySegment b, long byteOffset) {
    return ByteVector.fromMemorySegment(BYTE_SPECIES, b, byteOffset, LE).reinterpretAsFloats();
  }

  // The segment kernels step a long byte offset through b and an int index through a: with a
  // long induction variable C2 hoists more of the segment's bounds checks (an int index widened
  // per access measured 15-25% slower at 768 dims on Zen 3).

  private static float dotFloats(
      float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    int ai = aOffset;
    long bi = bByteOffset;
    FloatVector acc = FloatVector.zero(SPECIES);
    if (length >= UNROLLED) {
      FloatVector acc1 = FloatVector.zero(SPECIES);
      FloatVector acc2 = FloatVector.zero(SPECIES);
      FloatVector acc3 = FloatVector.zero(SPECIES);
      long end = bByteOffset + (long) (length & -UNROLLED) * Float.BYTES;
      for (; bi < end; bi += 4 * VECTOR_BYTES, ai += UNROLLED) {
        acc = FloatVector.fromArray(SPECIES, a, ai).fma(loadFloats(b, bi), acc);
        acc1 =
            FloatVector.fromArray(SPECIES, a, ai + LANES)
                .fma(loadFloats(b, bi + VECTOR_BYTES), acc1);
        acc2 =
            FloatVector.fromArray(SPECIES, a, ai + 2 * LANES)
                .fma(loadFloats(b, bi + 2 * VECTOR_BYTES), acc2);
        acc3 =
            FloatVector.fromArray(SPECIES, a, ai + 3 * LANES)
                .fma(loadFloats(b, bi + 3 * VECTOR_BYTES), acc3);
      }
      acc = acc.add(acc1).add(acc2.add(acc3));
    }
    long vectorEnd = bByteOffset + (long) (length & -LANES) * Float.BYTES;
    for (; bi < vectorEnd; bi += VECTOR_BYTES, ai += LANES) {
      acc = FloatVector.fromArray(SPECIES, a, ai).fma(loadFloats(b, bi), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD) + dotTail(a, ai, b, bi, aOffset + length);
  }

  private static float squareDistanceFloats(
      float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    int ai = aOffset;
    long bi = bByteOffset;
    FloatVector acc = FloatVector.zero(SPECIES);
    if (length >= UNROLLED) {
      FloatVector acc1 = FloatVector.zero(SPECIES);
      FloatVector acc2 = FloatVector.zero(SPECIES);
      FloatVector acc3 = FloatVector.zero(SPECIES);
      long end = bByteOffset + (long) (length & -UNROLLED) * Float.BYTES;
      for (; bi < end; bi += 4 * VECTOR_BYTES, ai += UNROLLED) {
        FloatVector d0 = FloatVector.fromArray(SPECIES, a, ai).sub(loadFloats(b, bi));
        FloatVector d1 =
            FloatVector.fromArray(SPECIES, a, ai + LANES).sub(loadFloats(b, bi + VECTOR_BYTES));
        FloatVector d2 =
            FloatVector.fromArray(SPECIES, a, ai + 2 * LANES)
                .sub(loadFloats(b, bi + 2 * VECTOR_BYTES));
        FloatVector d3 =
            FloatVector.fromArray(SPECIES, a, ai + 3 * LANES)
                .sub(loadFloats(b, bi + 3 * VECTOR_BYTES));
        acc = d0.fma(d0, acc);
        acc1 = d1.fma(d1, acc1);
        acc2 = d2.fma(d2, acc2);
        acc3 = d3.fma(d3, acc3);
      }
      acc = acc.add(acc1).add(acc2.add(acc3));
    }
    long vectorEnd = bByteOffset + (long) (length & -LANES) * Float.BYTES;
    for (; bi < vectorEnd; bi += VECTOR_BYTES, ai += LANES) {
      FloatVector d = FloatVector.fromArray(SPECIES, a, ai).sub(loadFloats(b, bi));
      acc = d.fma(d, acc);
    }
    return acc.reduceLanes(VectorOperators.ADD)
        + squareDistanceTail(a, ai, b, bi, aOffset + length);
  }

  private static float dotBytes(
      float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    int ai = aOffset;
    long bi = bByteOffset;
    FloatVector acc = FloatVector.zero(SPECIES);
    if (length >= UNROLLED) {
      FloatVector acc1 = FloatVector.zero(SPECIES);
      FloatVector acc2 = FloatVector.zero(SPECIES);
      FloatVector acc3 = FloatVector.zero(SPECIES);
      long end = bByteOffset + (long) (length & -UNROLLED) * Float.BYTES;
      for (; bi < end; bi += 4 * VECTOR_BYTES, ai += UNROLLED) {
        acc = FloatVector.fromArray(SPECIES, a, ai).fma(loadBytes(b, bi), acc);
        acc1 =
            FloatVector.fromArray(SPECIES, a, ai + LANES)
                .fma(loadBytes(b, bi + VECTOR_BYTES), acc1);
        acc2 =
            FloatVector.fromArray(SPECIES, a, ai + 2 * LANES)
                .fma(loadBytes(b, bi + 2 * VECTOR_BYTES), acc2);
        acc3 =
            FloatVector.fromArray(SPECIES, a, ai + 3 * LANES)
                .fma(loadBytes(b, bi + 3 * VECTOR_BYTES), acc3);
      }
      acc = acc.add(acc1).add(acc2.add(acc3));
    }
    long vectorEnd = bByteOffset + (long) (length & -LANES) * Float.BYTES;
    for (; bi < vectorEnd; bi += VECTOR_BYTES, ai += LANES) {
      acc = FloatVector.fromArray(SPECIES, a, ai).fma(loadBytes(b, bi), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD) + dotTail(a, ai, b, bi, aOffset + length);
  }

  private static float squareDistanceBytes(
      float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    int ai = aOffset;
    long bi = bByteOffset;
    FloatVector acc = FloatVector.zero(SPECIES);
    if (length >= UNROLLED) {
      FloatVector acc1 = FloatVector.zero(SPECIES);
      FloatVector acc2 = FloatVector.zero(SPECIES);
      FloatVector acc3 = FloatVector.zero(SPECIES);
      long end = bByteOffset + (long) (length & -UNROLLED) * Float.BYTES;
      for (; bi < end; bi += 4 * VECTOR_BYTES, ai += UNROLLED) {
        FloatVector d0 = FloatVector.fromArray(SPECIES, a, ai).sub(loadBytes(b, bi));
        FloatVector d1 =
            FloatVector.fromArray(SPECIES, a, ai + LANES).sub(loadBytes(b, bi + VECTOR_BYTES));
        FloatVector d2 =
            FloatVector.fromArray(SPECIES, a, ai + 2 * LANES)
                .sub(loadBytes(b, bi + 2 * VECTOR_BYTES));
        FloatVector d3 =
            FloatVector.fromArray(SPECIES, a, ai + 3 * LANES)
                .sub(loadBytes(b, bi + 3 * VECTOR_BYTES));
        acc = d0.fma(d0, acc);
        acc1 = d1.fma(d1, acc1);
        acc2 = d2.fma(d2, acc2);
        acc3 = d3.fma(d3, acc3);
      }
      acc = acc.add(acc1).add(acc2.add(acc3));
    }
    long vectorEnd = bByteOffset + (long) (length & -LANES) * Float.BYTES;
    for (; bi < vectorEnd; bi += VECTOR_BYTES, ai += LANES) {
      FloatVector d = FloatVector.fromArray(SPECIES, a, ai).sub(loadBytes(b, bi));
      acc = d.fma(d, acc);
    }
    return acc.reduceLanes(VectorOperators.ADD)
        + squareDistanceTail(a, ai, b, bi, aOffset + length);
  }

  /** The fewer than LANES elements left over, a from ai to aEnd and b from byte offset bi. */
  private static float dotTail(float[] a, int ai, MemorySegment b, long bi, int aEnd) {
    float sum = 0f;
    for (; ai < aEnd; ai++, bi += Float.BYTES) {
      sum += a[ai] * b.get(LE_FLOAT, bi);
    }
    return sum;
  }

  private static float squareDistanceTail(float[] a, int ai, MemorySegment b, long bi, int aEnd) {
    float sum = 0f;
    for (; ai < aEnd; ai++, bi += Float.BYTES) {
      float d = a[ai] - b.get(LE_FLOAT, bi);
      sum += d * d;
    }
    return sum;
  }

  @Override
  public String name() {
    return name;
  }
}
