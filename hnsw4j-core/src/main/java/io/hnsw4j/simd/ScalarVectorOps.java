package io.hnsw4j.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Plain Java kernels: the reference for the SIMD ones and the fallback without the Vector API.
 *
 * <p>Four independent accumulators let the CPU overlap the additions (a float sum is a serial
 * dependency chain otherwise, and the JIT may not reorder it). This changes the summation order, so
 * results differ from a sequential sum only by float rounding.
 */
public final class ScalarVectorOps implements VectorOps {

  static final ValueLayout.OfFloat LE_FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int i = 0;
    int bound = length & -4;
    for (; i < bound; i += 4) {
      int ai = aOffset + i;
      int bi = bOffset + i;
      s0 += a[ai] * b[bi];
      s1 += a[ai + 1] * b[bi + 1];
      s2 += a[ai + 2] * b[bi + 2];
      s3 += a[ai + 3] * b[bi + 3];
    }
    float sum = (s0 + s1) + (s2 + s3);
    for (; i < length; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }

  @Override
  public float dotInt8(float[] a, int aOffset, byte[] codes, int cOffset, int length) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int i = 0;
    for (; i + 4 <= length; i += 4) {
      s0 += a[aOffset + i] * codes[cOffset + i];
      s1 += a[aOffset + i + 1] * codes[cOffset + i + 1];
      s2 += a[aOffset + i + 2] * codes[cOffset + i + 2];
      s3 += a[aOffset + i + 3] * codes[cOffset + i + 3];
    }
    for (; i < length; i++) {
      s0 += a[aOffset + i] * codes[cOffset + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float dotInt4(float[] weights, byte[] codes, int cOffset, int bytes) {
    return ScalarInt4Kernels.dot(weights, codes, cOffset, bytes);
  }

  @Override
  public float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int i = 0;
    int bound = length & -4;
    for (; i < bound; i += 4) {
      int ai = aOffset + i;
      int bi = bOffset + i;
      float d0 = a[ai] - b[bi];
      float d1 = a[ai + 1] - b[bi + 1];
      float d2 = a[ai + 2] - b[bi + 2];
      float d3 = a[ai + 3] - b[bi + 3];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    float sum = (s0 + s1) + (s2 + s3);
    for (; i < length; i++) {
      float d = a[aOffset + i] - b[bOffset + i];
      sum += d * d;
    }
    return sum;
  }

  @Override
  public float dot(float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int i = 0;
    int bound = length & -4;
    for (; i < bound; i += 4) {
      int ai = aOffset + i;
      long bi = bByteOffset + (long) i * Float.BYTES;
      s0 += a[ai] * b.get(LE_FLOAT, bi);
      s1 += a[ai + 1] * b.get(LE_FLOAT, bi + 4);
      s2 += a[ai + 2] * b.get(LE_FLOAT, bi + 8);
      s3 += a[ai + 3] * b.get(LE_FLOAT, bi + 12);
    }
    float sum = (s0 + s1) + (s2 + s3);
    for (; i < length; i++) {
      sum += a[aOffset + i] * b.get(LE_FLOAT, bByteOffset + (long) i * Float.BYTES);
    }
    return sum;
  }

  @Override
  public float squareDistance(
      float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int i = 0;
    int bound = length & -4;
    for (; i < bound; i += 4) {
      int ai = aOffset + i;
      long bi = bByteOffset + (long) i * Float.BYTES;
      float d0 = a[ai] - b.get(LE_FLOAT, bi);
      float d1 = a[ai + 1] - b.get(LE_FLOAT, bi + 4);
      float d2 = a[ai + 2] - b.get(LE_FLOAT, bi + 8);
      float d3 = a[ai + 3] - b.get(LE_FLOAT, bi + 12);
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    float sum = (s0 + s1) + (s2 + s3);
    for (; i < length; i++) {
      float d = a[aOffset + i] - b.get(LE_FLOAT, bByteOffset + (long) i * Float.BYTES);
      sum += d * d;
    }
    return sum;
  }

  @Override
  public int dotBits(long[] planes, byte[] codes, int cOffset, int words) {
    return ScalarBitKernels.dot(planes, codes, cOffset, words);
  }

  @Override
  public String name() {
    return "scalar";
  }
}
