package io.hnsw4j.simd;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 1-bit traversal's kernel on the Vector API: a vector of code words is ANDed with the same
 * words of each of the query's four bit planes and counted lane by lane ({@code vpopcntq} where
 * the CPU has AVX-512 VPOPCNTDQ); the last, partial vector is loaded under a mask. The codes are
 * read as bytes and reinterpreted as longs (the records are byte arrays).
 */
final class PanamaBitKernels {
  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, LONGS.vectorShape());

  private PanamaBitKernels() {}

  /** See {@link VectorOps#dotBits(long[], byte[], int, int)}. */
  static int dot(long[] planes, byte[] codes, int cOffset, int words) {
    LongVector acc = LongVector.zero(LONGS);
    int w = 0;
    int bound = LONGS.loopBound(words);
    for (; w < bound; w += LONGS.length()) {
      LongVector x = ByteVector.fromArray(BYTES, codes, cOffset + 8 * w).reinterpretAsLongs();
      acc = acc.add(step(x, planes, w, words, null));
    }
    if (w < words) {
      VectorMask<Byte> bytes = BYTES.indexInRange(8 * w, 8 * words);
      LongVector x = ByteVector.fromArray(BYTES, codes, cOffset + 8 * w, bytes).reinterpretAsLongs();
      acc = acc.add(step(x, planes, w, words, LONGS.indexInRange(w, words)));
    }
    return (int) acc.reduceLanes(VectorOperators.ADD);
  }

  /** The weighted popcounts of one vector of words against the four planes. */
  private static LongVector step(LongVector x, long[] planes, int w, int words, VectorMask<Long> m) {
    LongVector p0 = count(x, planes, w, m);
    LongVector p1 = count(x, planes, words + w, m);
    LongVector p2 = count(x, planes, 2 * words + w, m);
    LongVector p3 = count(x, planes, 3 * words + w, m);
    return p0.add(p1.lanewise(VectorOperators.LSHL, 1))
        .add(p2.lanewise(VectorOperators.LSHL, 2))
        .add(p3.lanewise(VectorOperators.LSHL, 3));
  }

  private static LongVector count(LongVector x, long[] planes, int at, VectorMask<Long> m) {
    LongVector plane = m == null ? LongVector.fromArray(LONGS, planes, at) : LongVector.fromArray(LONGS, planes, at, m);
    return x.and(plane).lanewise(VectorOperators.BIT_COUNT);
  }
}
