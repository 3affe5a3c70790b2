package io.hnsw4j.simd;

import static io.hnsw4j.simd.PanamaVectorOps.LANES;
import static io.hnsw4j.simd.PanamaVectorOps.SPECIES;
import static io.hnsw4j.simd.PanamaVectorOps.lastLanes;
import static io.hnsw4j.simd.PanamaVectorOps.sumLanes;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float query (as {@link Int4Query} weights) times packed 4-bit codes on the Vector API. Each step
 * loads as many code bytes as the float species has lanes and widens them twice, as the low
 * nibble and as the unsigned byte: no shift, two conversions and two FMAs per byte, about the work
 * of the int8 kernel per byte for twice the components. Alternatives measured on Zen 4 with
 * AVX-512 (JMH, ns at 100 / 384 / 768 / 1536 dims): splitting the nibbles with shifts 13-16 / 22-26
 * / 38-46 / 67-91; this kernel 12 / 20 / 35 / 65; a query rounded to shorts against nibbles
 * extracted from 16-bit lanes 16-19 / 19-23 / 27-29 / 41-45, faster only on long vectors.
 */
final class PanamaInt4Kernels {
  /** Bytes of one step: as many as the float vector has lanes. */
  private static final VectorSpecies<Byte> BYTES =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, LANES * Byte.SIZE)));

  private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SPECIES.vectorShape());

  private PanamaInt4Kernels() {}

  static float dot(float[] weights, byte[] codes, int cOffset, int bytes) {
    if (BYTES.length() != LANES) {
      return ScalarInt4Kernels.dot(weights, codes, cOffset, bytes); // 128-bit floats: no 32-bit byte shape
    }
    FloatVector low = FloatVector.zero(SPECIES);
    FloatVector whole = FloatVector.zero(SPECIES);
    int t = 0;
    int bound = bytes & -LANES;
    for (; t < bound; t += LANES) {
      ByteVector b = ByteVector.fromArray(BYTES, codes, cOffset + t);
      low = FloatVector.fromArray(SPECIES, weights, t).fma(lowNibbles(b), low);
      whole = FloatVector.fromArray(SPECIES, weights, bytes + t).fma(unsigned(b), whole);
    }
    if (t < bytes && bytes >= LANES) {
      // Reload the last full step and count only its lanes not yet counted (see PanamaVectorOps).
      int last = bytes - LANES;
      ByteVector b = ByteVector.fromArray(BYTES, codes, cOffset + last);
      VectorMask<Float> fresh = lastLanes(bytes - t);
      low = low.blend(FloatVector.fromArray(SPECIES, weights, last).fma(lowNibbles(b), low), fresh);
      whole = whole.blend(FloatVector.fromArray(SPECIES, weights, bytes + last).fma(unsigned(b), whole), fresh);
      t = bytes;
    }
    return ScalarInt4Kernels.tail(weights, codes, cOffset, bytes, t, sumLanes(low.add(whole)));
  }

  private static FloatVector lowNibbles(ByteVector b) {
    return (FloatVector) b.and((byte) 15).convertShape(VectorOperators.B2F, SPECIES, 0);
  }

  private static FloatVector unsigned(ByteVector b) {
    return (FloatVector) b.convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0).convert(VectorOperators.I2F, 0);
  }
}
