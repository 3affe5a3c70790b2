package io.hnsw4j.vector;

import io.hnsw4j.simd.VectorOps;
import java.util.Arrays;

/**
 * Vectors on the heap in chunks of float[] (one array per 2^shift nodes, no object per vector).
 * Writers call {@link #ensureCapacity} and {@link #set}; readers never lock. A reader learns of a
 * node only through a release/acquire chain (the graph's links), which also publishes its vector.
 */
public final class HeapVectorSpace implements VectorSpace {
  private static final VectorOps OPS = VectorOps.get();

  private final int dimension;
  private final VectorMetric metric;
  private final int shift;
  private final int mask;
  private volatile float[][] chunks = new float[0][];

  public HeapVectorSpace(int dimension, VectorMetric metric, ChunkShape shape) {
    this.dimension = dimension;
    this.metric = metric;
    this.shift = shape.shift();
    this.mask = shape.mask();
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** The chunk shape, for storage kept beside these vectors. */
  public ChunkShape shape() {
    return new ChunkShape(shift);
  }

  /**
   * Makes room for nodes [0, nodes). Thread-safe; existing chunks never move. The directory grows
   * geometrically, chunks exactly as needed.
   */
  public void ensureCapacity(int nodes) {
    int needed = (int) ((nodes + (long) mask) >>> shift);
    float[][] current = chunks;
    if (needed == 0 || (needed <= current.length && current[needed - 1] != null)) {
      return; // chunks are filled in order, so the last one needed tells
    }
    grow(needed);
  }

  private synchronized void grow(int needed) {
    float[][] current = chunks;
    if (needed <= current.length && current[needed - 1] != null) {
      return;
    }
    // Copy on write: scorers hold the old directory, which stays valid; the new one is published
    // whole by the volatile write.
    int length = needed > current.length ? Math.max(needed, current.length + (current.length >> 1)) : current.length;
    float[][] directory = Arrays.copyOf(current, length);
    for (int c = 0; c < needed; c++) {
      if (directory[c] == null) {
        directory[c] = new float[(mask + 1) * dimension];
      }
    }
    chunks = directory;
  }


  /** Stores a prepared vector (already validated and normalised). */
  public void set(int node, float[] vector) {
    System.arraycopy(vector, 0, chunks[node >>> shift], (node & mask) * dimension, dimension);
  }

  @Override
  public float[] vector(int node) {
    float[] out = new float[dimension];
    System.arraycopy(chunks[node >>> shift], (node & mask) * dimension, out, 0, dimension);
    return out;
  }

  @Override
  public NodeScorer scorer(float[] query) {
    return scorer(query, 0);
  }

  @Override
  public NodeScorer scorerFor(int node) {
    return scorer(chunks[node >>> shift], (node & mask) * dimension);
  }

  private NodeScorer scorer(float[] query, int offset) {
    return switch (metric.kind()) {
      case L2 -> new L2(this, query, offset);
      case DOT -> new Dot(this, query, offset);
      case CUSTOM -> new Custom(this, Arrays.copyOfRange(query, offset, offset + dimension));
    };
  }

  @Override
  public long memoryBytes() {
    float[][] directory = chunks;
    long bytes = 16L + 8L * directory.length;
    for (float[] chunk : directory) {
      bytes += chunk == null ? 0 : 16L + 4L * chunk.length;
    }
    return bytes;
  }

  @Override
  public float distance(int a, int b) {
    float[][] c = chunks;
    float[] ca = c[a >>> shift];
    float[] cb = c[b >>> shift];
    int oa = (a & mask) * dimension;
    int ob = (b & mask) * dimension;
    return switch (metric.kind()) {
      case L2 -> OPS.squareDistance(ca, oa, cb, ob, dimension);
      case DOT -> 1f - OPS.dot(ca, oa, cb, ob, dimension);
      case CUSTOM -> scorerFor(a).score(b);
    };
  }

  private static final int FLOATS_PER_LINE = 16;
  /**
   * Vectors take more bytes than this before scorers touch them ahead: below it they mostly sit in
   * the CPU caches, and touching cost a search on siftsmall (5 MB) 15-30% of its time; on
   * glove-100 (136 MB) it paid (1.7k -> 2.0k QPS at ef 200).
   */
  static final long PREFETCH_ABOVE_BYTES = 32L << 20;
  /**
   * From this many dimensions scorers take nodes four to a kernel call and do not touch them
   * ahead (one-JVM A/B, same graph, medians of 9 passes): 384-d sentence embeddings +17-25% at
   * ef 20-80; glove-100 (100-d) 0.89-0.95x and siftsmall (128-d) 0.96-1.01x, so shorter vectors
   * keep one call each and the touch.
   */
  static final int BATCH_FROM_DIMENSION = 256;

  private abstract static class HeapScorer implements NodeScorer {
    final HeapVectorSpace space;
    final float[] query;
    final int queryOffset;
    final int dim;
    final int shift;
    final int mask;
    float[][] chunks;
    final boolean prefetching;
    final boolean batching;

    HeapScorer(HeapVectorSpace space, float[] query, int queryOffset, boolean batchable) {
      this.space = space;
      this.query = query;
      this.queryOffset = queryOffset;
      this.dim = space.dimension;
      this.shift = space.shift;
      this.mask = space.mask;
      this.chunks = space.chunks;
      this.batching = batchable && dim >= BATCH_FROM_DIMENSION;
      // A batch kernel shares the query's loads and keeps enough vectors' misses in flight by itself.
      this.prefetching = !batching
          && (long) chunks.length * (mask + 1) * dim * Float.BYTES > PREFETCH_ABOVE_BYTES;
    }

    @Override
    public final void scoreAll(int[] nodes, int count, float[] out) {
      int i = 0;
      if (batching) {
        for (; i + 4 <= count; i += 4) {
          score4(nodes[i], nodes[i + 1], nodes[i + 2], nodes[i + 3], out, i);
        }
      }
      for (; i < count; i++) {
        out[i] = score(nodes[i]);
      }
    }

    /** Scores four nodes into {@code out[at..at + 3]}, in one kernel call where there is one. */
    void score4(int n0, int n1, int n2, int n3, float[] out, int at) {
      out[at] = score(n0);
      out[at + 1] = score(n1);
      out[at + 2] = score(n2);
      out[at + 3] = score(n3);
    }

    /** Where the node's vector starts in its chunk. */
    final int offset(int node) {
      return (node & mask) * dim;
    }

    /** Bits of the touched floats, kept so the JIT cannot drop the loads. */
    int touched;

    @Override
    public final void prefetch(int[] nodes, int count) {
      if (!prefetching) {
        return;
      }
      int bits = 0; // an integer chain (1 cycle per step) does not hold the loads back
      for (int i = 0; i < count; i++) {
        int node = nodes[i];
        float[] chunk = chunk(node);
        int start = offset(node);
        for (int j = start; j < start + dim; j += FLOATS_PER_LINE) {
          bits ^= Float.floatToRawIntBits(chunk[j]);
        }
      }
      touched = bits;
    }

    final float[] chunk(int node) {
      float[][] c = chunks;
      int ci = node >>> shift;
      if (ci >= c.length || c[ci] == null) {
        c = chunks = space.chunks; // the space grew since this scorer was made
      }
      return c[ci];
    }
  }

  private static final class L2 extends HeapScorer {
    L2(HeapVectorSpace space, float[] query, int offset) {
      super(space, query, offset, true);
    }

    @Override
    public float score(int node) {
      return OPS.squareDistance(query, queryOffset, chunk(node), offset(node), dim);
    }

    @Override
    void score4(int n0, int n1, int n2, int n3, float[] out, int at) {
      OPS.squareDistance4(query, queryOffset, chunk(n0), offset(n0), chunk(n1), offset(n1), chunk(n2), offset(n2),
          chunk(n3), offset(n3), dim, out, at);
    }
  }

  private static final class Dot extends HeapScorer {
    Dot(HeapVectorSpace space, float[] query, int offset) {
      super(space, query, offset, true);
    }

    @Override
    public float score(int node) {
      return 1f - OPS.dot(query, queryOffset, chunk(node), offset(node), dim);
    }

    @Override
    void score4(int n0, int n1, int n2, int n3, float[] out, int at) {
      OPS.dot4(query, queryOffset, chunk(n0), offset(n0), chunk(n1), offset(n1), chunk(n2), offset(n2),
          chunk(n3), offset(n3), dim, out, at);
      for (int i = at; i < at + 4; i++) {
        out[i] = 1f - out[i];
      }
    }
  }

  private static final class Custom extends HeapScorer {
    private final float[] scratch;

    Custom(HeapVectorSpace space, float[] query) {
      super(space, query, 0, false);
      scratch = new float[dim];
    }

    @Override
    public float score(int node) {
      System.arraycopy(chunk(node), offset(node), scratch, 0, dim);
      float d = space.metric.custom().distance(query, scratch);
      if (Float.isNaN(d)) {
        throw new IllegalStateException("custom metric '" + space.metric.name() + "' returned NaN");
      }
      return d;
    }
  }
}
