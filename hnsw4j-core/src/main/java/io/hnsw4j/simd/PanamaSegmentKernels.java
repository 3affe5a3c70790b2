package io.hnsw4j.simd;

import static io.hnsw4j.simd.PanamaVectorOps.LANES;
import static io.hnsw4j.simd.PanamaVectorOps.SHORT_LIMIT;
import static io.hnsw4j.simd.PanamaVectorOps.SPECIES;
import static io.hnsw4j.simd.PanamaVectorOps.UNROLLED;
import static io.hnsw4j.simd.PanamaVectorOps.lastLanes;
import static io.hnsw4j.simd.PanamaVectorOps.sumLanes;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link PanamaVectorOps} kernels for a second operand in a {@link MemorySegment} of
 * little-endian floats. Same structure as the array kernels (short and long variants, the tail
 * counted by reloading the last full vector), plus a choice of load per segment kind.
 *
 * <p>The loops step a long byte offset through the segment and an int index through the array: with
 * a long induction variable C2 hoists more of the segment's bounds checks (an int index widened per
 * access measured 15-25% slower at 768 dims on Zen 3).
 */
final class PanamaSegmentKernels {

  private static final long VECTOR_BYTES = (long) LANES * Float.BYTES;
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final ValueLayout.OfFloat LE_FLOAT = ScalarVectorOps.LE_FLOAT;
  // Same shape as SPECIES: one byte vector reinterprets to exactly one float vector.
  private static final VectorSpecies<Byte> BYTE_SPECIES = SPECIES.withLanes(byte.class);
  private static final ScalarVectorOps SCALAR_OPS = new ScalarVectorOps();

  private PanamaSegmentKernels() {}

  static float dot(float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    return switch (loadKind(b)) {
      case FLOATS ->
          length < SHORT_LIMIT
              ? dotFloatsShort(a, aOffset, b, bByteOffset, length)
              : dotFloats(a, aOffset, b, bByteOffset, length);
      case BYTES -> dotBytes(a, aOffset, b, bByteOffset, length);
      case SCALAR -> SCALAR_OPS.dot(a, aOffset, b, bByteOffset, length);
    };
  }

  static float squareDistance(
      float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    return switch (loadKind(b)) {
      case FLOATS ->
          length < SHORT_LIMIT
              ? squareDistanceFloatsShort(a, aOffset, b, bByteOffset, length)
              : squareDistanceFloats(a, aOffset, b, bByteOffset, length);
      case BYTES -> squareDistanceBytes(a, aOffset, b, bByteOffset, length);
      case SCALAR -> SCALAR_OPS.squareDistance(a, aOffset, b, bByteOffset, length);
    };
  }

  /** Whether float vectors load straight from {@code b} (native, or a float[] on the heap). */
  static boolean loadsFloats(MemorySegment b) {
    return loadKind(b) == LoadKind.FLOATS;
  }

  /** How to load floats from a segment so that C2 emits plain vector loads. */
  private enum LoadKind {
    FLOATS,
    BYTES,
    SCALAR
  }

  /**
   * Float vector loads from a heap segment backed by another primitive array type (a "mismatched"
   * access) are not intrinsified on JDK 25 with AVX2: about 20x slower than native loads, slower
   * even than the scalar loop. A byte[] segment is read as bytes and reinterpreted instead (the
   * Vector API defines that reinterpretation as little-endian on every platform); other arrays and
   * read-only heap segments, whose array is not reachable, take the scalar kernel.
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

  /** Byte distance from the current position back to the start of the last full vector. */
  private static long backBytes(int rest) {
    return (long) (LANES - rest) * Float.BYTES;
  }

  private static float dotFloatsShort(
      float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    int ai = aOffset;
    long bi = bByteOffset;
    FloatVector acc = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    long end = bByteOffset + (long) (length & -(2 * LANES)) * Float.BYTES;
    for (; bi < end; bi += 2 * VECTOR_BYTES, ai += 2 * LANES) {
      acc = FloatVector.fromArray(SPECIES, a, ai).fma(loadFloats(b, bi), acc);
      acc1 =
          FloatVector.fromArray(SPECIES, a, ai + LANES).fma(loadFloats(b, bi + VECTOR_BYTES), acc1);
    }
    int aEnd = aOffset + length;
    if (ai <= aEnd - LANES) {
      acc = FloatVector.fromArray(SPECIES, a, ai).fma(loadFloats(b, bi), acc);
      ai += LANES;
      bi += VECTOR_BYTES;
    }
    acc = acc.add(acc1);
    int rest = aEnd - ai;
    if (rest > 0 && length >= LANES) {
      FloatVector withLast =
          FloatVector.fromArray(SPECIES, a, aEnd - LANES)
              .fma(loadFloats(b, bi - backBytes(rest)), acc);
      acc = acc.blend(withLast, lastLanes(rest));
      ai = aEnd;
    }
    return sumLanes(acc) + dotScalar(a, ai, b, bi, aEnd);
  }

  private static float squareDistanceFloatsShort(
      float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    int ai = aOffset;
    long bi = bByteOffset;
    FloatVector acc = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    long end = bByteOffset + (long) (length & -(2 * LANES)) * Float.BYTES;
    for (; bi < end; bi += 2 * VECTOR_BYTES, ai += 2 * LANES) {
      FloatVector d0 = FloatVector.fromArray(SPECIES, a, ai).sub(loadFloats(b, bi));
      FloatVector d1 =
          FloatVector.fromArray(SPECIES, a, ai + LANES).sub(loadFloats(b, bi + VECTOR_BYTES));
      acc = d0.fma(d0, acc);
      acc1 = d1.fma(d1, acc1);
    }
    int aEnd = aOffset + length;
    if (ai <= aEnd - LANES) {
      FloatVector d = FloatVector.fromArray(SPECIES, a, ai).sub(loadFloats(b, bi));
      acc = d.fma(d, acc);
      ai += LANES;
      bi += VECTOR_BYTES;
    }
    acc = acc.add(acc1);
    int rest = aEnd - ai;
    if (rest > 0 && length >= LANES) {
      FloatVector d =
          FloatVector.fromArray(SPECIES, a, aEnd - LANES).sub(loadFloats(b, bi - backBytes(rest)));
      acc = acc.blend(d.fma(d, acc), lastLanes(rest));
      ai = aEnd;
    }
    return sumLanes(acc) + squareDistanceScalar(a, ai, b, bi, aEnd);
  }

  private static float dotFloats(
      float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    int ai = aOffset;
    long bi = bByteOffset;
    FloatVector acc = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    FloatVector acc2 = FloatVector.zero(SPECIES);
    FloatVector acc3 = FloatVector.zero(SPECIES);
    long end = bByteOffset + (long) (length & -UNROLLED) * Float.BYTES;
    for (; bi < end; bi += 4 * VECTOR_BYTES, ai += UNROLLED) {
      acc = FloatVector.fromArray(SPECIES, a, ai).fma(loadFloats(b, bi), acc);
      acc1 =
          FloatVector.fromArray(SPECIES, a, ai + LANES).fma(loadFloats(b, bi + VECTOR_BYTES), acc1);
      acc2 =
          FloatVector.fromArray(SPECIES, a, ai + 2 * LANES)
              .fma(loadFloats(b, bi + 2 * VECTOR_BYTES), acc2);
      acc3 =
          FloatVector.fromArray(SPECIES, a, ai + 3 * LANES)
              .fma(loadFloats(b, bi + 3 * VECTOR_BYTES), acc3);
    }
    acc = acc.add(acc1).add(acc2.add(acc3));
    long vectorEnd = bByteOffset + (long) (length & -LANES) * Float.BYTES;
    for (; bi < vectorEnd; bi += VECTOR_BYTES, ai += LANES) {
      acc = FloatVector.fromArray(SPECIES, a, ai).fma(loadFloats(b, bi), acc);
    }
    int aEnd = aOffset + length;
    int rest = aEnd - ai;
    if (rest > 0 && length >= LANES) {
      FloatVector withLast =
          FloatVector.fromArray(SPECIES, a, aEnd - LANES)
              .fma(loadFloats(b, bi - backBytes(rest)), acc);
      acc = acc.blend(withLast, lastLanes(rest));
      ai = aEnd;
    }
    return sumLanes(acc) + dotScalar(a, ai, b, bi, aEnd);
  }

  private static float squareDistanceFloats(
      float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    int ai = aOffset;
    long bi = bByteOffset;
    FloatVector acc = FloatVector.zero(SPECIES);
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
    long vectorEnd = bByteOffset + (long) (length & -LANES) * Float.BYTES;
    for (; bi < vectorEnd; bi += VECTOR_BYTES, ai += LANES) {
      FloatVector d = FloatVector.fromArray(SPECIES, a, ai).sub(loadFloats(b, bi));
      acc = d.fma(d, acc);
    }
    int aEnd = aOffset + length;
    int rest = aEnd - ai;
    if (rest > 0 && length >= LANES) {
      FloatVector d =
          FloatVector.fromArray(SPECIES, a, aEnd - LANES).sub(loadFloats(b, bi - backBytes(rest)));
      acc = acc.blend(d.fma(d, acc), lastLanes(rest));
      ai = aEnd;
    }
    return sumLanes(acc) + squareDistanceScalar(a, ai, b, bi, aEnd);
  }

  // byte[] heap segments are the uncommon case: one two-accumulator kernel serves all lengths.

  private static float dotBytes(
      float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    int ai = aOffset;
    long bi = bByteOffset;
    FloatVector acc = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    long end = bByteOffset + (long) (length & -(2 * LANES)) * Float.BYTES;
    for (; bi < end; bi += 2 * VECTOR_BYTES, ai += 2 * LANES) {
      acc = FloatVector.fromArray(SPECIES, a, ai).fma(loadBytes(b, bi), acc);
      acc1 =
          FloatVector.fromArray(SPECIES, a, ai + LANES).fma(loadBytes(b, bi + VECTOR_BYTES), acc1);
    }
    int aEnd = aOffset + length;
    if (ai <= aEnd - LANES) {
      acc = FloatVector.fromArray(SPECIES, a, ai).fma(loadBytes(b, bi), acc);
      ai += LANES;
      bi += VECTOR_BYTES;
    }
    acc = acc.add(acc1);
    int rest = aEnd - ai;
    if (rest > 0 && length >= LANES) {
      FloatVector withLast =
          FloatVector.fromArray(SPECIES, a, aEnd - LANES)
              .fma(loadBytes(b, bi - backBytes(rest)), acc);
      acc = acc.blend(withLast, lastLanes(rest));
      ai = aEnd;
    }
    return sumLanes(acc) + dotScalar(a, ai, b, bi, aEnd);
  }

  private static float squareDistanceBytes(
      float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    int ai = aOffset;
    long bi = bByteOffset;
    FloatVector acc = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    long end = bByteOffset + (long) (length & -(2 * LANES)) * Float.BYTES;
    for (; bi < end; bi += 2 * VECTOR_BYTES, ai += 2 * LANES) {
      FloatVector d0 = FloatVector.fromArray(SPECIES, a, ai).sub(loadBytes(b, bi));
      FloatVector d1 =
          FloatVector.fromArray(SPECIES, a, ai + LANES).sub(loadBytes(b, bi + VECTOR_BYTES));
      acc = d0.fma(d0, acc);
      acc1 = d1.fma(d1, acc1);
    }
    int aEnd = aOffset + length;
    if (ai <= aEnd - LANES) {
      FloatVector d = FloatVector.fromArray(SPECIES, a, ai).sub(loadBytes(b, bi));
      acc = d.fma(d, acc);
      ai += LANES;
      bi += VECTOR_BYTES;
    }
    acc = acc.add(acc1);
    int rest = aEnd - ai;
    if (rest > 0 && length >= LANES) {
      FloatVector d =
          FloatVector.fromArray(SPECIES, a, aEnd - LANES).sub(loadBytes(b, bi - backBytes(rest)));
      acc = acc.blend(d.fma(d, acc), lastLanes(rest));
      ai = aEnd;
    }
    return sumLanes(acc) + squareDistanceScalar(a, ai, b, bi, aEnd);
  }

  /** Inputs shorter than one vector: a from ai to aEnd, b from byte offset bi. */
  private static float dotScalar(float[] a, int ai, MemorySegment b, long bi, int aEnd) {
    float sum = 0f;
    for (; ai < aEnd; ai++, bi += Float.BYTES) {
      sum += a[ai] * b.get(LE_FLOAT, bi);
    }
    return sum;
  }

  private static float squareDistanceScalar(float[] a, int ai, MemorySegment b, long bi, int aEnd) {
    float sum = 0f;
    for (; ai < aEnd; ai++, bi += Float.BYTES) {
      float d = a[ai] - b.get(LE_FLOAT, bi);
      sum += d * d;
    }
    return sum;
  }
}
