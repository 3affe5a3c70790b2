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
 * Float query (as {@link Int4Query} weights) times packed 4-bit codes on the Vector API. Each step
 * loads as many code bytes as the float species has lanes and widens them twice, as the low
 * nibble and as the unsigned byte: no shift, two conversions and two FMAs per byte, about the work
 * of the int8 kernel per byte for twice the components. Alternatives measured on Zen 4 with
 * AVX-512 (JMH, ns at 100 / 384 / 768 / 1536 dims): splitting the nibbles with shifts 13-16 / 22-26
 * / 38-46 / 67-91; this kernel 12 / 20 / 35 / 65; a query rounded to shorts against nibbles
 * extracted from 16-bit lanes 16-19 / 19-23 / 27-29 / 41-45, faster only on long vectors.
 *
 * <p>Bytes past the last whole step take one half-width step where the CPU has one (8 bytes on
 * AVX-512), then a scalar loop. Reloading the last whole step and blending, as the float kernels
 * do, was far slower here: 65-185 ns at 100 dims against 12 ns (the larger method seemed to lose
 * the Vector API intrinsics).
 */
final class PanamaInt4Kernels {
  /** Bytes of one step: as many as the float vector has lanes. */
  private static final VectorSpecies<Byte> BYTES =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, LANES * Byte.SIZE)));

  private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SPECIES.vectorShape());
  /** Half a step, when there is a byte shape for it (64 bits and up: float vectors of 512 bits). */
  private static final int HALF = LANES / 2;

  private static final boolean HAS_HALF = HALF * Byte.SIZE >= 64;
  private static final VectorSpecies<Float> HALF_FLOATS =
      VectorSpecies.of(float.class, VectorShape.forBitSize(Math.max(64, HALF * Float.SIZE)));
  private static final VectorSpecies<Byte> HALF_BYTES =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, HALF * Byte.SIZE)));
  private static final VectorSpecies<Integer> HALF_INTS = VectorSpecies.of(int.class, HALF_FLOATS.vectorShape());

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
      low = FloatVector.fromArray(SPECIES, weights, t).fma(lowNibbles(b, SPECIES), low);
      whole = FloatVector.fromArray(SPECIES, weights, bytes + t).fma(unsigned(b, SPECIES, INTS), whole);
    }
    if (HAS_HALF && bytes - t >= HALF) {
      // Summed apart and put into the low half of the accumulator: the lanes are still added in
      // a fixed order (PanamaVectorOps.sumLanes).
      ByteVector b = ByteVector.fromArray(HALF_BYTES, codes, cOffset + t);
      FloatVector half = FloatVector.fromArray(HALF_FLOATS, weights, t).mul(lowNibbles(b, HALF_FLOATS));
      half = FloatVector.fromArray(HALF_FLOATS, weights, bytes + t).fma(unsigned(b, HALF_FLOATS, HALF_INTS), half);
      low = low.add((FloatVector) half.reinterpretShape(SPECIES, 0));
      t += HALF;
    }
    return ScalarInt4Kernels.tail(weights, codes, cOffset, bytes, t, sumLanes(low.add(whole)));
  }

  private static FloatVector lowNibbles(ByteVector b, VectorSpecies<Float> floats) {
    return (FloatVector) b.and((byte) 15).convertShape(VectorOperators.B2F, floats, 0);
  }

  private static FloatVector unsigned(ByteVector b, VectorSpecies<Float> floats, VectorSpecies<Integer> ints) {
    return (FloatVector) b.convertShape(VectorOperators.ZERO_EXTEND_B2I, ints, 0).convert(VectorOperators.I2F, 0);
  }
}
