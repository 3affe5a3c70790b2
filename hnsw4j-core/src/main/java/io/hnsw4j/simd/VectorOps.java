package io.hnsw4j.simd;

import java.lang.foreign.MemorySegment;

/**
 * The distance kernels. One implementation is chosen once, at class initialisation, by {@link
 * #get()}: the Vector API one when {@code jdk.incubator.vector} is present, the scalar one
 * otherwise. Both give the same results up to float rounding.
 *
 * <p>Segment variants read little-endian float32 values starting at a byte offset (memory-mapped
 * index files).
 */
public interface VectorOps {

  /** Sum of a[aOffset + i] * b[bOffset + i] for i in [0, length). */
  float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

  /** Sum of (a[aOffset + i] - b[bOffset + i])^2 for i in [0, length). */
  float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length);

  /**
   * Four dot products of one query, {@code q[qOffset..]} with {@code a}, {@code b}, {@code c} and
   * {@code d} at their offsets, into {@code out[at..at + 3]}: bit for bit what four calls of
   * {@link #dot(float[], int, float[], int, int)} give, in one pass where a kernel can share the
   * query's loads.
   */
  default void dot4(
      float[] q, int qOffset, float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset,
      float[] d, int dOffset, int length, float[] out, int at) {
    out[at] = dot(q, qOffset, a, aOffset, length);
    out[at + 1] = dot(q, qOffset, b, bOffset, length);
    out[at + 2] = dot(q, qOffset, c, cOffset, length);
    out[at + 3] = dot(q, qOffset, d, dOffset, length);
  }

  /** As {@link #dot4}, for {@link #squareDistance(float[], int, float[], int, int)}. */
  default void squareDistance4(
      float[] q, int qOffset, float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset,
      float[] d, int dOffset, int length, float[] out, int at) {
    out[at] = squareDistance(q, qOffset, a, aOffset, length);
    out[at + 1] = squareDistance(q, qOffset, b, bOffset, length);
    out[at + 2] = squareDistance(q, qOffset, c, cOffset, length);
    out[at + 3] = squareDistance(q, qOffset, d, dOffset, length);
  }

  /**
   * As {@link #dot4(float[], int, float[], int, float[], int, float[], int, float[], int, int,
   * float[], int)} with the four vectors in one segment, at byte offsets {@code a} to {@code d}.
   */
  default void dot4(
      float[] q, int qOffset, MemorySegment vectors, long a, long b, long c, long d, int length, float[] out, int at) {
    out[at] = dot(q, qOffset, vectors, a, length);
    out[at + 1] = dot(q, qOffset, vectors, b, length);
    out[at + 2] = dot(q, qOffset, vectors, c, length);
    out[at + 3] = dot(q, qOffset, vectors, d, length);
  }

  /** As {@link #dot4(float[], int, MemorySegment, long, long, long, long, int, float[], int)}, for L2. */
  default void squareDistance4(
      float[] q, int qOffset, MemorySegment vectors, long a, long b, long c, long d, int length, float[] out, int at) {
    out[at] = squareDistance(q, qOffset, vectors, a, length);
    out[at + 1] = squareDistance(q, qOffset, vectors, b, length);
    out[at + 2] = squareDistance(q, qOffset, vectors, c, length);
    out[at + 3] = squareDistance(q, qOffset, vectors, d, length);
  }

  /** Like {@link #dot(float[], int, float[], int, int)} with b read from a segment. */
  float dot(float[] a, int aOffset, MemorySegment b, long bByteOffset, int length);

  /** Like {@link #squareDistance(float[], int, float[], int, int)} with b read from a segment. */
  float squareDistance(float[] a, int aOffset, MemorySegment b, long bByteOffset, int length);

  /**
   * Sum of a[aOffset + i] * codes[cOffset + i] for i in [0, length), the codes read as signed
   * bytes: the dot product of a float query with an int8-quantized vector (before its scale and
   * offset are applied).
   */
  float dotInt8(float[] a, int aOffset, byte[] codes, int cOffset, int length);

  /**
   * The dot product of a 4-bit query with a 1-bit vector, in integers: the sum over j in 0..3 and
   * w in [0, words) of 2^j * bitCount(x[w] &amp; planes[j * words + w]), where x[w] is the
   * little-endian long at byte {@code cOffset + 8 * w} of {@code codes}. Plane j holds bit j of
   * every query code, so this is the sum of the query codes where the vector's bit is set.
   */
  int dotBits(long[] planes, byte[] codes, int cOffset, int words);

  /**
   * Sum of q[i] * c[i] over the components of a 4-bit-quantized vector, the codes c[i] in 0..15
   * packed two to a byte in {@code codes[cOffset, cOffset + bytes)} (component 2t in the low
   * nibble of byte t) and the float query q given as {@link Int4Query#weights(float[])} (length
   * 2 x bytes): before the vector's scale and offset are applied.
   */
  float dotInt4(float[] weights, byte[] codes, int cOffset, int bytes);

  /** A short name for logs and benchmarks ("scalar", "panama-256"). */
  String name();

  /** The implementation chosen for this JVM. */
  static VectorOps get() {
    return VectorOpsProvider.INSTANCE;
  }
}
