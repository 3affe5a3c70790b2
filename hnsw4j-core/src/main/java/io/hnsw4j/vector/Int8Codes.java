package io.hnsw4j.vector;

import io.hnsw4j.simd.VectorOps;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Vectors quantized to one signed byte per component, each vector with its own range: component
 * i is about {@code offset + scale * code[i]}, where offset is the middle of the vector's range
 * and the codes span -127..127. A vector needs no training data and keeps a quarter of the float
 * bytes, plus three floats: offset, scale and its exact squared norm (for L2, which needs
 * {@code |q|^2 - 2 q.x + |x|^2}). Dot products come out as {@code offset * sum(q) + scale * q.code}.
 *
 * <p>Each node's three floats sit just before its codes in one {@code byte[]} record, so scoring
 * a node touches one run of cache lines instead of two arrays (on 384-d sentence embeddings this
 * gained 12-20% QPS over separate arrays, alternating runs). Chunks of 2^shift nodes as for the
 * floats; growing copies the directory and publishes it whole.
 */
public final class Int8Codes implements TraversalSpace {
  private static final VectorOps OPS = VectorOps.get();
  /** Offset, scale and squared norm, as little-endian floats before each vector's codes. */
  private static final int HEADER = 12;
  private static final VarHandle FLOAT =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  /** Code bytes above which scorers touch a batch's codes ahead (see HeapVectorSpace). */
  private static final long PREFETCH_ABOVE_BYTES = 32L << 20;

  private final int dimension;
  /** Bytes of one node's record: its header, then its codes. */
  private final int stride;
  private final boolean l2;
  private final int shift;
  private final int mask;
  private volatile byte[][] codes = new byte[0][];

  /** Codes for vectors of {@code dimension} scored by {@code metric} (custom metrics: no). */
  public Int8Codes(int dimension, VectorMetric metric, ChunkShape shape) {
    if (metric.kind() == VectorMetric.Kind.CUSTOM) {
      throw new IllegalArgumentException("int8 traversal needs a built-in metric, not " + metric.name());
    }
    this.dimension = dimension;
    this.stride = HEADER + dimension;
    this.l2 = metric.kind() == VectorMetric.Kind.L2;
    this.shift = shape.shift();
    this.mask = shape.mask();
  }

  @Override
  public void ensureCapacity(int nodes) {
    int needed = (int) ((nodes + (long) mask) >>> shift);
    byte[][] current = codes;
    if (needed == 0 || (needed <= current.length && current[needed - 1] != null)) {
      return;
    }
    grow(needed);
  }

  private synchronized void grow(int needed) {
    byte[][] c = codes;
    if (needed <= c.length && c[needed - 1] != null) {
      return;
    }
    int length = needed > c.length ? Math.max(needed, c.length + (c.length >> 1)) : c.length;
    c = Arrays.copyOf(c, length);
    for (int i = 0; i < needed; i++) {
      if (c[i] == null) {
        c[i] = new byte[(mask + 1) * stride];
      }
    }
    codes = c;
  }

  @Override
  public void set(int node, float[] vector) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    double squaredNorm = 0;
    for (float x : vector) {
      min = Math.min(min, x);
      max = Math.max(max, x);
      squaredNorm += (double) x * x;
    }
    float offset = (max + min) / 2;
    float scale = max > min ? (max - min) / 254f : 1f;
    byte[] chunk = codes[node >>> shift];
    int at = (node & mask) * stride;
    FLOAT.set(chunk, at, offset);
    FLOAT.set(chunk, at + 4, scale);
    FLOAT.set(chunk, at + 8, (float) squaredNorm);
    int base = at + HEADER;
    for (int i = 0; i < dimension; i++) {
      chunk[base + i] = (byte) Math.clamp(Math.round((vector[i] - offset) / scale), -127, 127);
    }
  }

  @Override
  public NodeScorer scorer(float[] query) {
    return new Scorer(query);
  }

  @Override
  public int recordBytes() {
    return stride;
  }

  @Override
  public long memoryBytes() {
    byte[][] c = codes;
    long bytes = 16L + 8L * c.length;
    for (byte[] chunk : c) {
      bytes += chunk == null ? 0 : 16L + chunk.length;
    }
    return bytes;
  }

  /** Scores a float query against the codes; used by one thread. */
  private final class Scorer implements NodeScorer {
    private final float[] query;
    private final float querySum;
    private final float querySquaredNorm;
    private final boolean prefetching;
    private byte[][] codeChunks = codes;
    private int touched;

    Scorer(float[] query) {
      this.query = query;
      double sum = 0;
      double squares = 0;
      for (float x : query) {
        sum += x;
        squares += (double) x * x;
      }
      this.querySum = (float) sum;
      this.querySquaredNorm = (float) squares;
      this.prefetching = (long) codeChunks.length * (mask + 1) * stride > PREFETCH_ABOVE_BYTES;
    }

    @Override
    public float score(int node) {
      int chunk = node >>> shift;
      byte[][] c = codeChunks;
      if (chunk >= c.length || c[chunk] == null) {
        codeChunks = c = codes; // grown since this scorer was made
      }
      byte[] block = c[chunk];
      int at = (node & mask) * stride;
      float dot = (float) FLOAT.get(block, at) * querySum
          + (float) FLOAT.get(block, at + 4) * OPS.dotInt8(query, 0, block, at + HEADER, dimension);
      return l2 ? querySquaredNorm - 2 * dot + (float) FLOAT.get(block, at + 8) : 1f - dot;
    }

    @Override
    public void prefetch(int[] nodes, int count) {
      if (!prefetching) {
        return;
      }
      int bits = 0;
      byte[][] c = codeChunks;
      for (int i = 0; i < count; i++) {
        int node = nodes[i];
        int chunk = node >>> shift;
        if (chunk >= c.length || c[chunk] == null) {
          continue;
        }
        byte[] block = c[chunk];
        int start = (node & mask) * stride;
        for (int j = start; j < start + stride; j += 64) {
          bits ^= block[j];
        }
      }
      touched = bits;
    }
  }
}
