package io.hnsw4j.simd;

/**
 * The 4-bit kernel in plain Java: the reference for {@link PanamaInt4Kernels} and the fallback
 * without the Vector API. Same sum as the Panama kernel, in another order.
 */
final class ScalarInt4Kernels {
  private ScalarInt4Kernels() {}

  /** See {@link VectorOps#dotInt4}. */
  static float dot(float[] weights, byte[] codes, int cOffset, int bytes) {
    return tail(weights, codes, cOffset, bytes, 0, 0f);
  }

  /** Adds the terms of bytes [from, bytes) to {@code sum}; two accumulators overlap the adds. */
  static float tail(float[] weights, byte[] codes, int cOffset, int bytes, int from, float sum) {
    float low = 0f;
    float whole = 0f;
    for (int t = from; t < bytes; t++) {
      int b = codes[cOffset + t];
      low += weights[t] * (b & 15);
      whole += weights[bytes + t] * (b & 255);
    }
    return sum + (low + whole);
  }
}
