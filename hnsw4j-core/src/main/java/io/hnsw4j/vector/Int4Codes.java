package io.hnsw4j.vector;

import io.hnsw4j.simd.Int4Query;
import io.hnsw4j.simd.VectorOps;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Vectors quantized to 4 bits per component, two components to a byte, each vector with its own
 * range: component i of r = x - c is about {@code offset + scale * code[i]} with codes 0..15
 * ({@link Int4Encoder}). Half the bytes of {@link Int8Codes} (a 384-d vector: 192 code bytes
 * instead of 384, against 1,536 of floats), for a coarser estimate that the float rerank of the
 * ef candidates corrects. The query is rewritten once per search into the kernel's weights
 * ({@link Int4Query}).
 *
 * <p>Sixteen levels span a vector's whole range, so data far from the origin (a common offset, as
 * embeddings and image pixels have) would spend them on the offset: the codes are of each vector
 * minus a centroid c ({@link CentredCodes}), and so is the query, so that the code error scales
 * with |q - c| rather than |q|. L2 is |q - c|^2 - 2 (q - c).r + |r|^2; a dot product is q.c +
 * c.r + (q - c).r. Each record ({@link RecordChunks}) is 12 bytes, the floats offset, scale and
 * |r|^2 (L2) or c.r (dot products), then ceil(D / 2) code bytes. Index files store the records as
 * they are ({@link #RECORD_FORMAT}) and the centroid beside them.
 */
public final class Int4Codes extends CentredRecordCodes {
  private static final VectorOps OPS = VectorOps.get();
  /** Offset, scale and |r|^2 or c.r, as little-endian floats before each vector's codes. */
  static final int HEADER = 12;
  static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

  /** {@link #recordFormat()}: the record is the 12-byte header, then the codes. */
  public static final int RECORD_FORMAT = 3;

  private final int codeBytes;
  private final boolean l2;

  /** Codes for vectors of {@code dimension} scored by {@code metric} (custom metrics: no). */
  public Int4Codes(int dimension, VectorMetric metric, ChunkShape shape) {
    if (metric.kind() == VectorMetric.Kind.CUSTOM) {
      throw new IllegalArgumentException("int4 traversal needs a built-in metric, not " + metric.name());
    }
    super(dimension, HEADER + Int4Query.bytes(dimension), shape);
    this.codeBytes = Int4Query.bytes(dimension);
    this.l2 = metric.kind() == VectorMetric.Kind.L2;
  }

  @Override
  public void set(int node, float[] vector) {
    float[] c = centroidToEncode();
    Int4Encoder.encode(minus(vector, c), l2 ? null : c, records.chunkOf(node), records.offsetOf(node));
  }

  @Override
  public NodeScorer scorer(float[] query) {
    float[] c = fixedCentroid();
    if (c == null) {
      return new Scorer(query, 0f); // nothing encoded yet
    }
    return new Scorer(minus(query, c), l2 ? 0f : OPS.dot(query, 0, c, 0, dimension));
  }

  @Override
  public int recordFormat() {
    return RECORD_FORMAT;
  }

  /**
   * The floats must be what {@link #set} computes from finite components: the offset finite, the
   * scale not negative and the third float not NaN (both may only overflow to infinity; |r|^2 for
   * L2 not negative), and the high nibble past an odd dimension zero. Any code is one a scorer can
   * use.
   */
  @Override
  void checkRecord(byte[] chunk, int at) {
    float offset = (float) FLOAT.get(chunk, at);
    float scale = (float) FLOAT.get(chunk, at + 4);
    float third = (float) FLOAT.get(chunk, at + 8);
    if (!Float.isFinite(offset) || !(scale >= 0) || Float.isNaN(third) || (l2 && third < 0)) {
      throw new IllegalArgumentException(
          "offset " + offset + ", scale " + scale + ", " + (l2 ? "squared norm " : "centroid product ") + third
              + " cannot be an int4 record's");
    }
    if ((dimension & 1) != 0 && (chunk[at + HEADER + codeBytes - 1] & 0xf0) != 0) {
      throw new IllegalArgumentException("a code is set past dimension " + dimension);
    }
  }

  private static float[] minus(float[] vector, float[] c) {
    float[] r = new float[vector.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = vector[i] - c[i];
    }
    return r;
  }

  @Override
  public int rerankDepth(int k, int candidates) {
    return frontOfCandidates(k, candidates);
  }

  /** Scores a query, as kernel weights, against the codes; used by one thread. */
  private final class Scorer extends RecordChunks.Scorer {
    private final float[] weights;
    private final float querySum;
    private final float querySquaredNorm;
    private final float alongCentroid;

    /**
     * @param shifted the query minus the centroid
     * @param alongCentroid for dot products, the query's dot product with the centroid
     */
    Scorer(float[] shifted, float alongCentroid) {
      super(records);
      this.weights = Int4Query.weights(shifted);
      this.alongCentroid = alongCentroid;
      this.querySum = sum(shifted);
      this.querySquaredNorm = squaredNorm(shifted);
    }

    @Override
    public float score(int node) {
      byte[] block = chunk(node);
      int at = offset(node);
      // (q - c).r, with r read back as offset + scale * code.
      float dot = (float) FLOAT.get(block, at) * querySum
          + (float) FLOAT.get(block, at + 4) * OPS.dotInt4(weights, block, at + HEADER, codeBytes);
      float correction = (float) FLOAT.get(block, at + 8);
      return l2 ? querySquaredNorm - 2 * dot + correction : 1f - (alongCentroid + correction + dot);
    }
  }
}
