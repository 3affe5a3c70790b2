package io.hnsw4j.simd;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 1-bit traversal's kernel on the Vector API: a vector of code words is ANDed with the same
 * words of each of the query's four bit planes and counted lane by lane ({@code vpopcntq} where
 * the CPU has AVX-512 VPOPCNTDQ), one count per plane, weighted once at the end. Whole vectors of
 * the preferred width first, then one of half that width if as many words are left, then the
 * scalar loop: a masked load for the tail was slower (JMH on Zen 4 at 384 dimensions, 6 words:
 * masked 29 ns, scalar 17 ns, a half vector and 2 scalar words 11 ns). The codes are read as
 * bytes and reinterpreted as longs (the records are byte arrays).
 */
final class PanamaBitKernels {
  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, LONGS.vectorShape());
  private static final VectorSpecies<Long> HALF =
      VectorSpecies.of(long.class, VectorShape.forBitSize(Math.max(128, LONGS.vectorBitSize() / 2)));
  private static final VectorSpecies<Byte> HALF_BYTES = VectorSpecies.of(byte.class, HALF.vectorShape());

  private PanamaBitKernels() {}

  /**
   * See {@link VectorOps#dotBits(long[], byte[], int, int)}. Split in three so each part stays
   * under HotSpot's inlining limit for hot methods (325 bytes of bytecode; see
   * KernelInliningBudgetTest): whole vectors, then a half vector and the scalar tail.
   */
  static int dot(long[] planes, byte[] codes, int cOffset, int words) {
    int whole = words - words % LONGS.length();
    int sum = whole == 0 ? 0 : wholeVectors(planes, codes, cOffset, words, whole);
    return rest(planes, codes, cOffset, words, whole, sum);
  }

  /** The weighted count over words [0, end), end a multiple of the preferred length. */
  private static int wholeVectors(long[] planes, byte[] codes, int cOffset, int words, int end) {
    LongVector a0 = LongVector.zero(LONGS);
    LongVector a1 = a0;
    LongVector a2 = a0;
    LongVector a3 = a0;
    for (int w = 0; w < end; w += LONGS.length()) {
      LongVector x = ByteVector.fromArray(BYTES, codes, cOffset + 8 * w).reinterpretAsLongs();
      a0 = a0.add(x.and(LongVector.fromArray(LONGS, planes, w)).lanewise(VectorOperators.BIT_COUNT));
      a1 = a1.add(x.and(LongVector.fromArray(LONGS, planes, words + w)).lanewise(VectorOperators.BIT_COUNT));
      a2 = a2.add(x.and(LongVector.fromArray(LONGS, planes, 2 * words + w)).lanewise(VectorOperators.BIT_COUNT));
      a3 = a3.add(x.and(LongVector.fromArray(LONGS, planes, 3 * words + w)).lanewise(VectorOperators.BIT_COUNT));
    }
    return (int) a0.add(a1.lanewise(VectorOperators.LSHL, 1))
        .add(a2.lanewise(VectorOperators.LSHL, 2))
        .add(a3.lanewise(VectorOperators.LSHL, 3))
        .reduceLanes(VectorOperators.ADD);
  }

  /** Adds the words from {@code w} on to {@code sum}: one half vector if it fits, then scalar. */
  private static int rest(long[] planes, byte[] codes, int cOffset, int words, int w, int sum) {
    if (words - w >= HALF.length()) {
      LongVector x = ByteVector.fromArray(HALF_BYTES, codes, cOffset + 8 * w).reinterpretAsLongs();
      LongVector c0 = x.and(LongVector.fromArray(HALF, planes, w)).lanewise(VectorOperators.BIT_COUNT);
      LongVector c1 = x.and(LongVector.fromArray(HALF, planes, words + w)).lanewise(VectorOperators.BIT_COUNT);
      LongVector c2 = x.and(LongVector.fromArray(HALF, planes, 2 * words + w)).lanewise(VectorOperators.BIT_COUNT);
      LongVector c3 = x.and(LongVector.fromArray(HALF, planes, 3 * words + w)).lanewise(VectorOperators.BIT_COUNT);
      sum += (int) c0.add(c1.lanewise(VectorOperators.LSHL, 1))
          .add(c2.lanewise(VectorOperators.LSHL, 2))
          .add(c3.lanewise(VectorOperators.LSHL, 3))
          .reduceLanes(VectorOperators.ADD);
      w += HALF.length();
    }
    return w < words ? sum + ScalarBitKernels.dot(planes, codes, cOffset, words, w) : sum;
  }
}
