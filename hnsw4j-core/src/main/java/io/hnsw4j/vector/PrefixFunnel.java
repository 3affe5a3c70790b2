package io.hnsw4j.vector;

import io.hnsw4j.simd.VectorOps;

/**
 * The prefix copies of a funnel search: for each prefix length of the cascade, a float copy of
 * the first components of every vector (of the vector rotated onto learned axes, when there is a
 * rotation), normalised again to unit length for cosine. The graph is built and traversed on the
 * first copy ({@link #traversalSpace()}); the others rerank the shortlist ({@link
 * #scorers(float[])}). A prefix as long as the vector, without rotation, is the vector itself
 * (it is not normalised again), so such a funnel scores exactly as the full vectors do.
 *
 * <p>Thread safety as for {@link HeapVectorSpace}; the rotation is set once, before the first
 * vector, and never changes.
 */
public final class PrefixFunnel implements TraversalSpace {
  private static final VectorOps OPS = VectorOps.get();

  private final int dimension;
  private final int[] prefixes;
  private final boolean rotated;
  private final boolean normalise;
  private final HeapVectorSpace[] stages;
  /** Rows x dimension, row-major; null until learned, and always null without rotation. */
  private volatile float[] rotation;

  /**
   * Empty copies.
   *
   * @param dimension the full vectors' dimension
   * @param prefixes the cascade, strictly increasing, within 1..dimension
   * @param rotated whether prefixes are taken of rotated vectors (then {@link #setRotation} must
   *     come before the first {@link #set})
   * @param normalise whether each prefix is normalised to unit length (cosine)
   * @param metric the scoring of the copies (built-in)
   * @param shape chunks, as for the full vectors
   */
  public PrefixFunnel(
      int dimension, int[] prefixes, boolean rotated, boolean normalise, VectorMetric metric, ChunkShape shape) {
    if (metric.kind() == VectorMetric.Kind.CUSTOM) {
      throw new IllegalArgumentException("a funnel needs a built-in metric, not " + metric.name());
    }
    this.dimension = dimension;
    this.prefixes = prefixes.clone();
    this.rotated = rotated;
    this.normalise = normalise;
    this.stages = new HeapVectorSpace[prefixes.length];
    for (int i = 0; i < prefixes.length; i++) {
      stages[i] = new HeapVectorSpace(prefixes[i], metric, shape);
    }
  }

  /** Rows the rotation has: the longest prefix. */
  public int rotationRows() {
    return prefixes[prefixes.length - 1];
  }

  /** Whether vectors can be added: no rotation is needed, or it has been set. */
  public boolean ready() {
    return !rotated || rotation != null;
  }

  /** The rotation's rows (row-major, {@link #rotationRows()} x dimension), or null. */
  public float[] rotation() {
    return rotation;
  }

  /** Sets the learned rotation, once, before the first vector. */
  public synchronized void setRotation(float[] rows) {
    if (!rotated || rotation != null) {
      throw new IllegalStateException("the rotation is set once, for a rotated funnel only");
    }
    if (rows.length != rotationRows() * dimension) {
      throw new IllegalArgumentException("a rotation of " + rotationRows() + " x " + dimension + " floats, got " + rows.length);
    }
    rotation = rows.clone();
  }

  /** The copy the graph is built and traversed on. */
  public VectorSpace traversalSpace() {
    return stages[0];
  }

  @Override
  public void ensureCapacity(int nodes) {
    for (HeapVectorSpace stage : stages) {
      stage.ensureCapacity(nodes);
    }
  }

  @Override
  public void set(int node, float[] vector) {
    float[] projected = project(vector);
    for (int i = 0; i < stages.length; i++) {
      stages[i].set(node, prefix(projected, prefixes[i]));
    }
  }

  @Override
  public NodeScorer scorer(float[] query) {
    return scorers(query)[0];
  }

  @Override
  public NodeScorer[] scorers(float[] query) {
    // Before the rotation is learned the index is empty: a zero query scores no node at all.
    float[] projected = ready() ? project(query) : new float[rotationRows()];
    NodeScorer[] scorers = new NodeScorer[stages.length];
    for (int i = 0; i < stages.length; i++) {
      scorers[i] = stages[i].scorer(prefix(projected, prefixes[i]));
    }
    return scorers;
  }

  @Override
  public int recordBytes() {
    return 4 * prefixes[0];
  }

  @Override
  public long memoryBytes() {
    long bytes = 0;
    for (HeapVectorSpace stage : stages) {
      bytes += stage.memoryBytes();
    }
    float[] r = rotation;
    return bytes + (r == null ? 0 : 16L + 4L * r.length);
  }

  /** The vector rotated onto the axes (its first rows), or the vector itself without rotation. */
  private float[] project(float[] vector) {
    if (!rotated) {
      return vector;
    }
    float[] r = rotation;
    if (r == null) {
      throw new IllegalStateException("the funnel's rotation has not been learned yet");
    }
    int rows = rotationRows();
    float[] out = new float[rows];
    for (int row = 0; row < rows; row++) {
      out[row] = OPS.dot(r, row * dimension, vector, 0, dimension);
    }
    return out;
  }

  /** The first {@code length} components, normalised for cosine. */
  private float[] prefix(float[] projected, int length) {
    if (!rotated && length == dimension) {
      return projected; // the vector itself: prepared (and normalised) on the way in
    }
    float[] out = new float[length];
    System.arraycopy(projected, 0, out, 0, length);
    if (normalise) {
      double squares = 0;
      for (float x : out) {
        squares += (double) x * x;
      }
      if (squares > 0) {
        float scale = (float) (1 / Math.sqrt(squares));
        for (int i = 0; i < length; i++) {
          out[i] *= scale;
        }
      }
    }
    return out;
  }
}
