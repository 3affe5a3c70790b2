package io.hnsw4j.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Plain Java kernels: the reference for the SIMD ones and the fallback without the Vector API. */
public final class ScalarVectorOps implements VectorOps {

  static final ValueLayout.OfFloat LE_FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float sum = 0f;
    for (int i = 0; i < length; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float sum = 0f;
    for (int i = 0; i < length; i++) {
      float d = a[aOffset + i] - b[bOffset + i];
      sum += d * d;
    }
    return sum;
  }

  @Override
  public float dot(float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    float sum = 0f;
    for (int i = 0; i < length; i++) {
      sum += a[aOffset + i] * b.get(LE_FLOAT, bByteOffset + (long) i * Float.BYTES);
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, int aOffset, MemorySegment b, long bByteOffset, int length) {
    float sum = 0f;
    for (int i = 0; i < length; i++) {
      float d = a[aOffset + i] - b.get(LE_FLOAT, bByteOffset + (long) i * Float.BYTES);
      sum += d * d;
    }
    return sum;
  }

  @Override
  public String name() {
    return "scalar";
  }
}
