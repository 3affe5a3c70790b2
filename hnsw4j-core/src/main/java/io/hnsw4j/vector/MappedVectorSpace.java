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
      case L2 -> node -> OPS.squareDistance(query, 0, segment, node * stride, dimension);
      case DOT -> node -> 1f - OPS.dot(query, 0, segment, node * stride, dimension);
      case CUSTOM -> node -> metric.custom().distance(query, vector(node));
    };
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
