package io.hnsw4j.simd;

/**
 * A float query in the form the 4-bit kernels ({@link VectorOps#dotInt4}) take, made once per
 * search. Codes sit two to a byte, component 2t in the low nibble of byte t and 2t+1 in the high
 * one. Splitting a byte into its two nibbles costs a shift on every byte; instead the kernels read
 * each byte twice, as its low nibble {@code lo} and as its unsigned value {@code lo + 16 hi}, and
 * the query is rewritten so that these two readings give the right sum:
 *
 * <pre>
 * q[2t] lo + q[2t+1] hi = (q[2t] - q[2t+1] / 16) lo + (q[2t+1] / 16) (lo + 16 hi)
 * </pre>
 *
 * The weights are {@code low[t] = q[2t] - q[2t+1] / 16} at [0, n) and {@code byte[t] = q[2t+1] /
 * 16} at [n, 2n), for n = ceil(dimension / 2) bytes; a missing last component counts as 0.
 */
public final class Int4Query {
  private Int4Query() {}

  /** Bytes that hold the codes of {@code dimension} components. */
  public static int bytes(int dimension) {
    return (dimension + 1) >>> 1;
  }

  /** The kernel weights of {@code query} (length 2 x {@link #bytes(int)} of its dimension). */
  public static float[] weights(float[] query) {
    int n = bytes(query.length);
    float[] w = new float[2 * n];
    for (int t = 0; t < n; t++) {
      float high = 2 * t + 1 < query.length ? query[2 * t + 1] / 16 : 0f;
      w[t] = query[2 * t] - high;
      w[n + t] = high;
    }
    return w;
  }
}
