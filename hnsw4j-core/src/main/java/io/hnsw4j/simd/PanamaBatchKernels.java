package io.hnsw4j.simd;

import static io.hnsw4j.simd.PanamaVectorOps.LANES;
import static io.hnsw4j.simd.PanamaVectorOps.SPECIES;
import static io.hnsw4j.simd.PanamaVectorOps.lastLanes;
import static io.hnsw4j.simd.PanamaVectorOps.sumLanes;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * One query against four vectors in one loop, for the lengths the short kernels of {@link
 * PanamaVectorOps} take (at least one lane count, below {@code SHORT_LIMIT}). Each step loads a
 * piece of the query once for four vectors, so per distance the core issues half the loads of
 * four separate calls and keeps more vectors' cache misses in flight: on 384-d sentence embeddings
 * a search waits on exactly those misses.
 *
 * <p>Each vector gets the two accumulators, the steps and the tail of the short kernels, in the
 * same order, so every result is bit for bit what {@code dot} or {@code squareDistance} returns
 * for that vector alone: a distance never depends on whether it was computed in a batch. The
 * segment versions (four vectors of one memory-mapped section) mirror {@code PanamaSegmentKernels}'
 * short float kernels the same way, down to the empty scalar tail they add.
 */
final class PanamaBatchKernels {
  private PanamaBatchKernels() {}

  static void dot4(
      float[] q, int qo, float[] a, int ao, float[] b, int bo, float[] c, int co, float[] d, int dOff,
      int length, float[] out, int at) {
    FloatVector a0 = FloatVector.zero(SPECIES);
    FloatVector a1 = a0;
    FloatVector b0 = a0;
    FloatVector b1 = a0;
    FloatVector c0 = a0;
    FloatVector c1 = a0;
    FloatVector d0 = a0;
    FloatVector d1 = a0;
    int i = 0;
    int bound = length & -(2 * LANES);
    for (; i < bound; i += 2 * LANES) {
      FloatVector q0 = FloatVector.fromArray(SPECIES, q, qo + i);
      FloatVector q1 = FloatVector.fromArray(SPECIES, q, qo + i + LANES);
      a0 = q0.fma(FloatVector.fromArray(SPECIES, a, ao + i), a0);
      b0 = q0.fma(FloatVector.fromArray(SPECIES, b, bo + i), b0);
      c0 = q0.fma(FloatVector.fromArray(SPECIES, c, co + i), c0);
      d0 = q0.fma(FloatVector.fromArray(SPECIES, d, dOff + i), d0);
      a1 = q1.fma(FloatVector.fromArray(SPECIES, a, ao + i + LANES), a1);
      b1 = q1.fma(FloatVector.fromArray(SPECIES, b, bo + i + LANES), b1);
      c1 = q1.fma(FloatVector.fromArray(SPECIES, c, co + i + LANES), c1);
      d1 = q1.fma(FloatVector.fromArray(SPECIES, d, dOff + i + LANES), d1);
    }
    if (i <= length - LANES) {
      FloatVector q0 = FloatVector.fromArray(SPECIES, q, qo + i);
      a0 = q0.fma(FloatVector.fromArray(SPECIES, a, ao + i), a0);
      b0 = q0.fma(FloatVector.fromArray(SPECIES, b, bo + i), b0);
      c0 = q0.fma(FloatVector.fromArray(SPECIES, c, co + i), c0);
      d0 = q0.fma(FloatVector.fromArray(SPECIES, d, dOff + i), d0);
      i += LANES;
    }
    a0 = a0.add(a1);
    b0 = b0.add(b1);
    c0 = c0.add(c1);
    d0 = d0.add(d1);
    if (i < length) {
      int last = length - LANES;
      VectorMask<Float> rest = lastLanes(length - i);
      FloatVector ql = FloatVector.fromArray(SPECIES, q, qo + last);
      a0 = a0.blend(ql.fma(FloatVector.fromArray(SPECIES, a, ao + last), a0), rest);
      b0 = b0.blend(ql.fma(FloatVector.fromArray(SPECIES, b, bo + last), b0), rest);
      c0 = c0.blend(ql.fma(FloatVector.fromArray(SPECIES, c, co + last), c0), rest);
      d0 = d0.blend(ql.fma(FloatVector.fromArray(SPECIES, d, dOff + last), d0), rest);
    }
    out[at] = sumLanes(a0);
    out[at + 1] = sumLanes(b0);
    out[at + 2] = sumLanes(c0);
    out[at + 3] = sumLanes(d0);
  }

  static void squareDistance4(
      float[] q, int qo, float[] a, int ao, float[] b, int bo, float[] c, int co, float[] d, int dOff,
      int length, float[] out, int at) {
    FloatVector a0 = FloatVector.zero(SPECIES);
    FloatVector a1 = a0;
    FloatVector b0 = a0;
    FloatVector b1 = a0;
    FloatVector c0 = a0;
    FloatVector c1 = a0;
    FloatVector d0 = a0;
    FloatVector d1 = a0;
    int i = 0;
    int bound = length & -(2 * LANES);
    for (; i < bound; i += 2 * LANES) {
      FloatVector q0 = FloatVector.fromArray(SPECIES, q, qo + i);
      FloatVector q1 = FloatVector.fromArray(SPECIES, q, qo + i + LANES);
      a0 = squareStep(q0, a, ao + i, a0);
      b0 = squareStep(q0, b, bo + i, b0);
      c0 = squareStep(q0, c, co + i, c0);
      d0 = squareStep(q0, d, dOff + i, d0);
      a1 = squareStep(q1, a, ao + i + LANES, a1);
      b1 = squareStep(q1, b, bo + i + LANES, b1);
      c1 = squareStep(q1, c, co + i + LANES, c1);
      d1 = squareStep(q1, d, dOff + i + LANES, d1);
    }
    if (i <= length - LANES) {
      FloatVector q0 = FloatVector.fromArray(SPECIES, q, qo + i);
      a0 = squareStep(q0, a, ao + i, a0);
      b0 = squareStep(q0, b, bo + i, b0);
      c0 = squareStep(q0, c, co + i, c0);
      d0 = squareStep(q0, d, dOff + i, d0);
      i += LANES;
    }
    a0 = a0.add(a1);
    b0 = b0.add(b1);
    c0 = c0.add(c1);
    d0 = d0.add(d1);
    if (i < length) {
      int last = length - LANES;
      VectorMask<Float> rest = lastLanes(length - i);
      FloatVector ql = FloatVector.fromArray(SPECIES, q, qo + last);
      a0 = a0.blend(squareStep(ql, a, ao + last, a0), rest);
      b0 = b0.blend(squareStep(ql, b, bo + last, b0), rest);
      c0 = c0.blend(squareStep(ql, c, co + last, c0), rest);
      d0 = d0.blend(squareStep(ql, d, dOff + last, d0), rest);
    }
    out[at] = sumLanes(a0);
    out[at + 1] = sumLanes(b0);
    out[at + 2] = sumLanes(c0);
    out[at + 3] = sumLanes(d0);
  }

  /** acc + (q - v)^2 lane by lane, v loaded from {@code v[offset..]}: one step of the L2 kernels. */
  private static FloatVector squareStep(FloatVector q, float[] v, int offset, FloatVector acc) {
    return squareStep(q, FloatVector.fromArray(SPECIES, v, offset), acc);
  }

  private static final long VECTOR_BYTES = (long) LANES * Float.BYTES;

  private static FloatVector load(MemorySegment s, long byteOffset) {
    return FloatVector.fromMemorySegment(SPECIES, s, byteOffset, ByteOrder.LITTLE_ENDIAN);
  }

  static void dot4(
      float[] q, int qo, MemorySegment s, long ao, long bo, long co, long dOff, int length, float[] out, int at) {
    FloatVector a0 = FloatVector.zero(SPECIES);
    FloatVector a1 = a0;
    FloatVector b0 = a0;
    FloatVector b1 = a0;
    FloatVector c0 = a0;
    FloatVector c1 = a0;
    FloatVector d0 = a0;
    FloatVector d1 = a0;
    int i = 0;
    long step = 0;
    int bound = length & -(2 * LANES);
    for (; i < bound; i += 2 * LANES, step += 2 * VECTOR_BYTES) {
      FloatVector q0 = FloatVector.fromArray(SPECIES, q, qo + i);
      FloatVector q1 = FloatVector.fromArray(SPECIES, q, qo + i + LANES);
      a0 = q0.fma(load(s, ao + step), a0);
      b0 = q0.fma(load(s, bo + step), b0);
      c0 = q0.fma(load(s, co + step), c0);
      d0 = q0.fma(load(s, dOff + step), d0);
      a1 = q1.fma(load(s, ao + step + VECTOR_BYTES), a1);
      b1 = q1.fma(load(s, bo + step + VECTOR_BYTES), b1);
      c1 = q1.fma(load(s, co + step + VECTOR_BYTES), c1);
      d1 = q1.fma(load(s, dOff + step + VECTOR_BYTES), d1);
    }
    if (i <= length - LANES) {
      FloatVector q0 = FloatVector.fromArray(SPECIES, q, qo + i);
      a0 = q0.fma(load(s, ao + step), a0);
      b0 = q0.fma(load(s, bo + step), b0);
      c0 = q0.fma(load(s, co + step), c0);
      d0 = q0.fma(load(s, dOff + step), d0);
      i += LANES;
    }
    a0 = a0.add(a1);
    b0 = b0.add(b1);
    c0 = c0.add(c1);
    d0 = d0.add(d1);
    if (i < length) {
      int last = length - LANES;
      long back = (long) last * Float.BYTES;
      VectorMask<Float> rest = lastLanes(length - i);
      FloatVector ql = FloatVector.fromArray(SPECIES, q, qo + last);
      a0 = a0.blend(ql.fma(load(s, ao + back), a0), rest);
      b0 = b0.blend(ql.fma(load(s, bo + back), b0), rest);
      c0 = c0.blend(ql.fma(load(s, co + back), c0), rest);
      d0 = d0.blend(ql.fma(load(s, dOff + back), d0), rest);
    }
    // + 0f: the one-vector segment kernels add their (here empty) scalar tail.
    out[at] = sumLanes(a0) + 0f;
    out[at + 1] = sumLanes(b0) + 0f;
    out[at + 2] = sumLanes(c0) + 0f;
    out[at + 3] = sumLanes(d0) + 0f;
  }

  static void squareDistance4(
      float[] q, int qo, MemorySegment s, long ao, long bo, long co, long dOff, int length, float[] out, int at) {
    FloatVector a0 = FloatVector.zero(SPECIES);
    FloatVector a1 = a0;
    FloatVector b0 = a0;
    FloatVector b1 = a0;
    FloatVector c0 = a0;
    FloatVector c1 = a0;
    FloatVector d0 = a0;
    FloatVector d1 = a0;
    int i = 0;
    long step = 0;
    int bound = length & -(2 * LANES);
    for (; i < bound; i += 2 * LANES, step += 2 * VECTOR_BYTES) {
      FloatVector q0 = FloatVector.fromArray(SPECIES, q, qo + i);
      FloatVector q1 = FloatVector.fromArray(SPECIES, q, qo + i + LANES);
      a0 = squareStep(q0, load(s, ao + step), a0);
      b0 = squareStep(q0, load(s, bo + step), b0);
      c0 = squareStep(q0, load(s, co + step), c0);
      d0 = squareStep(q0, load(s, dOff + step), d0);
      a1 = squareStep(q1, load(s, ao + step + VECTOR_BYTES), a1);
      b1 = squareStep(q1, load(s, bo + step + VECTOR_BYTES), b1);
      c1 = squareStep(q1, load(s, co + step + VECTOR_BYTES), c1);
      d1 = squareStep(q1, load(s, dOff + step + VECTOR_BYTES), d1);
    }
    if (i <= length - LANES) {
      FloatVector q0 = FloatVector.fromArray(SPECIES, q, qo + i);
      a0 = squareStep(q0, load(s, ao + step), a0);
      b0 = squareStep(q0, load(s, bo + step), b0);
      c0 = squareStep(q0, load(s, co + step), c0);
      d0 = squareStep(q0, load(s, dOff + step), d0);
      i += LANES;
    }
    a0 = a0.add(a1);
    b0 = b0.add(b1);
    c0 = c0.add(c1);
    d0 = d0.add(d1);
    if (i < length) {
      int last = length - LANES;
      long back = (long) last * Float.BYTES;
      VectorMask<Float> rest = lastLanes(length - i);
      FloatVector ql = FloatVector.fromArray(SPECIES, q, qo + last);
      a0 = a0.blend(squareStep(ql, load(s, ao + back), a0), rest);
      b0 = b0.blend(squareStep(ql, load(s, bo + back), b0), rest);
      c0 = c0.blend(squareStep(ql, load(s, co + back), c0), rest);
      d0 = d0.blend(squareStep(ql, load(s, dOff + back), d0), rest);
    }
    out[at] = sumLanes(a0) + 0f;
    out[at + 1] = sumLanes(b0) + 0f;
    out[at + 2] = sumLanes(c0) + 0f;
    out[at + 3] = sumLanes(d0) + 0f;
  }

  /** acc + (q - v)^2 lane by lane. */
  private static FloatVector squareStep(FloatVector q, FloatVector v, FloatVector acc) {
    FloatVector diff = q.sub(v);
    return diff.fma(diff, acc);
  }
}
