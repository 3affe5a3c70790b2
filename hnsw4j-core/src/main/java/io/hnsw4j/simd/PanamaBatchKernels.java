package io.hnsw4j.simd;

import static io.hnsw4j.simd.PanamaVectorOps.LANES;
import static io.hnsw4j.simd.PanamaVectorOps.SPECIES;
import static io.hnsw4j.simd.PanamaVectorOps.lastLanes;
import static io.hnsw4j.simd.PanamaVectorOps.sumLanes;

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
 * for that vector alone: a distance never depends on whether it was computed in a batch.
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
    FloatVector diff = q.sub(FloatVector.fromArray(SPECIES, v, offset));
    return diff.fma(diff, acc);
  }
}
