package io.hnsw4j.simd;

import static io.hnsw4j.simd.PanamaVectorOps.LANES;
import static io.hnsw4j.simd.PanamaVectorOps.SPECIES;
import static io.hnsw4j.simd.PanamaVectorOps.sumLanes;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float query times int8 codes on the Vector API: each step loads as many bytes as the float
 * species has lanes (a quarter of its width), widens them to floats and multiplies. The point is
 * memory: a 384-d vector is 384 bytes of codes instead of 1,536 of floats.
 */
final class PanamaInt8Kernels {
  /** Bytes of one step: as many as the float vector has lanes. */
  private static final VectorSpecies<Byte> BYTES =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, LANES * Byte.SIZE)));

  private PanamaInt8Kernels() {}

  static float dot(float[] a, int aOffset, byte[] codes, int cOffset, int length) {
    if (BYTES.length() != LANES) {
      return scalar(a, aOffset, codes, cOffset, 0, length, 0f); // 128-bit floats: no 32-bit byte shape
    }
    FloatVector acc = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    int i = 0;
    int bound = length & -(2 * LANES);
    for (; i < bound; i += 2 * LANES) {
      FloatVector c0 = (FloatVector) ByteVector.fromArray(BYTES, codes, cOffset + i)
          .convertShape(VectorOperators.B2F, SPECIES, 0);
      FloatVector c1 = (FloatVector) ByteVector.fromArray(BYTES, codes, cOffset + i + LANES)
          .convertShape(VectorOperators.B2F, SPECIES, 0);
      acc = FloatVector.fromArray(SPECIES, a, aOffset + i).fma(c0, acc);
      acc1 = FloatVector.fromArray(SPECIES, a, aOffset + i + LANES).fma(c1, acc1);
    }
    if (i <= length - LANES) {
      FloatVector c0 = (FloatVector) ByteVector.fromArray(BYTES, codes, cOffset + i)
          .convertShape(VectorOperators.B2F, SPECIES, 0);
      acc = FloatVector.fromArray(SPECIES, a, aOffset + i).fma(c0, acc);
      i += LANES;
    }
    return scalar(a, aOffset, codes, cOffset, i, length, sumLanes(acc.add(acc1)));
  }

  private static float scalar(float[] a, int aOffset, byte[] codes, int cOffset, int from, int length, float sum) {
    for (int i = from; i < length; i++) {
      sum += a[aOffset + i] * codes[cOffset + i];
    }
    return sum;
  }
}
