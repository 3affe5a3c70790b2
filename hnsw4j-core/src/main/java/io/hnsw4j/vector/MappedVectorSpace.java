package io.hnsw4j.vector;

import io.hnsw4j.simd.VectorOps;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Read-only vectors in a memory-mapped file section: node i at byte i x dimension x 4. */
public final class MappedVectorSpace implements VectorSpace {
  private static final VectorOps OPS = VectorOps.get();
  private static final ValueLayout.OfFloat LE_FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final MemorySegment segment;
  private final int dimension;
  private final long stride;
  private final VectorMetric metric;

  public MappedVectorSpace(MemorySegment segment, int dimension, VectorMetric metric) {
    this.segment = segment;
    this.dimension = dimension;
    this.stride = (long) dimension * Float.BYTES;
    this.metric = metric;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public float[] vector(int node) {
    float[] out = new float[dimension];
    MemorySegment.copy(segment, LE_FLOAT, node * stride, out, 0, dimension);
    return out;
  }

  @Override
  public NodeScorer scorer(float[] query) {
    return switch (metric.kind()) {
      case L2 -> new MappedScorer(query) {
        @Override
        public float score(int node) {
          return OPS.squareDistance(query, 0, segment, node * stride, dimension);
        }

        @Override
        void score4(int n0, int n1, int n2, int n3, float[] out, int at) {
          OPS.squareDistance4(
              query, 0, segment, n0 * stride, n1 * stride, n2 * stride, n3 * stride, dimension, out, at);
        }
      };
      case DOT -> new MappedScorer(query) {
        @Override
        public float score(int node) {
          return 1f - OPS.dot(query, 0, segment, node * stride, dimension);
        }

        @Override
        void score4(int n0, int n1, int n2, int n3, float[] out, int at) {
          OPS.dot4(query, 0, segment, n0 * stride, n1 * stride, n2 * stride, n3 * stride, dimension, out, at);
          for (int i = at; i < at + 4; i++) {
            out[i] = 1f - out[i];
          }
        }
      };
      case CUSTOM -> node -> metric.custom().distance(query, vector(node));
    };
  }

  /**
   * A scorer of the mapped vectors that takes long ones four to a kernel call, as heap scorers do
   * (see {@link HeapVectorSpace#BATCH_FROM_DIMENSION}).
   */
  private abstract class MappedScorer implements NodeScorer {
    final float[] query;

    MappedScorer(float[] query) {
      this.query = query;
    }

    abstract void score4(int n0, int n1, int n2, int n3, float[] out, int at);

    @Override
    public final void scoreAll(int[] nodes, int count, float[] out) {
      int i = 0;
      if (dimension >= HeapVectorSpace.BATCH_FROM_DIMENSION) {
        for (; i + 4 <= count; i += 4) {
          score4(nodes[i], nodes[i + 1], nodes[i + 2], nodes[i + 3], out, i);
        }
      }
      for (; i < count; i++) {
        out[i] = score(nodes[i]);
      }
    }
  }

  @Override
  public NodeScorer scorerFor(int node) {
    return scorer(vector(node));
  }

  /** Bytes mapped for vectors (in the page cache, not on the heap). */
  @Override
  public long memoryBytes() {
    return segment.byteSize();
  }
}
