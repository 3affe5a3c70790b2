package io.hnsw4j.simd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 1-bit traversal's kernel in plain Java: a 4-bit query, held as four bit planes, against one
 * vector's bits. {@link Long#bitCount} compiles to the CPU's popcount instruction, so each word
 * costs four ANDs and four popcounts; the four plane sums are kept apart and weighted once at the
 * end.
 */
final class ScalarBitKernels {
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private ScalarBitKernels() {}

  /** See {@link VectorOps#dotBits(long[], byte[], int, int)}. */
  static int dot(long[] planes, byte[] codes, int cOffset, int words) {
    return dot(planes, codes, cOffset, words, 0);
  }

  /** The same sum over words [from, words) only (the tail of a vector loop). */
  static int dot(long[] planes, byte[] codes, int cOffset, int words, int from) {
    int p0 = 0;
    int p1 = 0;
    int p2 = 0;
    int p3 = 0;
    for (int w = from; w < words; w++) {
      long x = (long) LONG.get(codes, cOffset + 8 * w);
      p0 += Long.bitCount(x & planes[w]);
      p1 += Long.bitCount(x & planes[words + w]);
      p2 += Long.bitCount(x & planes[2 * words + w]);
      p3 += Long.bitCount(x & planes[3 * words + w]);
    }
    return p0 + (p1 << 1) + (p2 << 2) + (p3 << 3);
  }
}
