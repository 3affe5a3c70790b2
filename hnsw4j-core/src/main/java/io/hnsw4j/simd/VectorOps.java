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

  /** A short name for logs and benchmarks ("scalar", "panama-256"). */
  String name();

  /** The implementation chosen for this JVM. */
  static VectorOps get() {
    return VectorOpsProvider.INSTANCE;
  }
}
