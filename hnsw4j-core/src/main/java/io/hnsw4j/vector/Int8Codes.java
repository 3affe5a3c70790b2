package io.hnsw4j.vector;

import io.hnsw4j.simd.VectorOps;
import java.util.Arrays;

/**
 * Vectors quantized to one signed byte per component, each vector with its own range: component
 * i is about {@code offset + scale * code[i]}, where offset is the middle of the vector's range
 * and the codes span -127..127. A vector needs no training data and keeps a quarter of the float
 * bytes, plus three floats: offset, scale and its exact squared norm (for L2, which needs
 * {@code |q|^2 - 2 q.x + |x|^2}). Dot products come out as {@code offset * sum(q) + scale * q.code}.
 *
 * <p>Chunks of 2^shift nodes as for the floats; growing copies the directories and publishes
 * them whole.
 */
public final class Int8Codes implements TraversalSpace {
  private static final VectorOps OPS = VectorOps.get();
  private static final int PARAMS = 3;
  /** Code bytes above which scorers touch a batch's codes ahead (see HeapVectorSpace). */
  private static final long PREFETCH_ABOVE_BYTES = 32L << 20;

  private final int dimension;
  private final boolean l2;
  private final int shift;
  private final int mask;
  private volatile byte[][] codes = new byte[0][];
  private volatile float[][] params = new float[0][];

  /** Codes for vectors of {@code dimension} scored by {@code metric} (custom metrics: no). */
  public Int8Codes(int dimension, VectorMetric metric, ChunkShape shape) {
    if (metric.kind() == VectorMetric.Kind.CUSTOM) {
      throw new IllegalArgumentException("int8 traversal needs a built-in metric, not " + metric.name());
    }
    this.dimension = dimension;
    this.l2 = metric.kind() == VectorMetric.Kind.L2;
    this.shift = shape.shift();
    this.mask = shape.mask();
  }

  @Override
  public void ensureCapacity(int nodes) {
    int needed = (int) ((nodes + (long) mask) >>> shift);
    float[][] current = params;
    if (needed == 0 || (needed <= current.length && current[needed - 1] != null)) {
      return;
    }
    grow(needed);
  }

  private synchronized void grow(int needed) {
    float[][] p = params;
    if (needed <= p.length && p[needed - 1] != null) {
      return;
    }
    int length = needed > p.length ? Math.max(needed, p.length + (p.length >> 1)) : p.length;
    byte[][] c = Arrays.copyOf(codes, length);
    p = Arrays.copyOf(p, length);
    for (int i = 0; i < needed; i++) {
      if (p[i] == null) {
        c[i] = new byte[(mask + 1) * dimension];
        p[i] = new float[(mask + 1) * PARAMS];
      }
    }
    codes = c; // before params: a reader that finds the params finds the codes
    params = p;
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
    int base = (node & mask) * dimension;
    for (int i = 0; i < dimension; i++) {
      chunk[base + i] = (byte) Math.clamp(Math.round((vector[i] - offset) / scale), -127, 127);
    }
    float[] p = params[node >>> shift];
    int at = (node & mask) * PARAMS;
    p[at] = offset;
    p[at + 1] = scale;
    p[at + 2] = (float) squaredNorm;
  }

  @Override
  public NodeScorer scorer(float[] query) {
    return new Scorer(query);
  }

  @Override
  public long memoryBytes() {
    byte[][] c = codes;
    float[][] p = params;
    long bytes = 32L + 8L * (c.length + p.length);
    for (int i = 0; i < p.length; i++) {
      bytes += p[i] == null ? 0 : 32L + c[i].length + 4L * p[i].length;
    }
    return bytes;
  }

  /** Scores a float query against the codes; used by one thread. */
  private final class Scorer implements NodeScorer {
    private final float[] query;
    private final float querySum;
    private final float querySquaredNorm;
    private final boolean prefetching;
    // Params first: a reader that sees new params then sees the codes published before them.
    private float[][] paramChunks = params;
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
      this.prefetching = (long) codeChunks.length * (mask + 1) * dimension > PREFETCH_ABOVE_BYTES;
    }

    @Override
    public float score(int node) {
      int chunk = node >>> shift;
      float[][] p = paramChunks;
      if (chunk >= p.length || p[chunk] == null) {
        paramChunks = p = params; // grown since this scorer was made; codes were published first
        codeChunks = codes;
      }
      float[] np = p[chunk];
      int at = (node & mask) * PARAMS;
      float dot = np[at] * querySum
          + np[at + 1] * OPS.dotInt8(query, 0, codeChunks[chunk], (node & mask) * dimension, dimension);
      return l2 ? querySquaredNorm - 2 * dot + np[at + 2] : 1f - dot;
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
        int start = (node & mask) * dimension;
        for (int j = start; j < start + dimension; j += 64) {
          bits ^= block[j];
        }
      }
      touched = bits;
    }
  }
}
