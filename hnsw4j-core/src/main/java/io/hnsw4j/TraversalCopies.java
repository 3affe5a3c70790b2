package io.hnsw4j;

import io.hnsw4j.format.FormatException;
import io.hnsw4j.format.HeapParts;
import io.hnsw4j.format.MappedParts;
import io.hnsw4j.format.TraversalRecords;
import io.hnsw4j.graph.GraphView;
import io.hnsw4j.vector.BitCodes;
import io.hnsw4j.vector.CentredCodes;
import io.hnsw4j.vector.ChunkShape;
import io.hnsw4j.vector.Int4Codes;
import io.hnsw4j.vector.Int8Codes;
import io.hnsw4j.vector.NodeScorer;
import io.hnsw4j.vector.PrefixFunnel;
import io.hnsw4j.vector.PrincipalAxes;
import io.hnsw4j.vector.TraversalSpace;
import io.hnsw4j.vector.VectorSpace;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The second copy of the vectors that an {@link HnswIndex} traverses, as its configuration asks:
 * int8 codes ({@link Quantization#INT8}), 1-bit or 4-bit codes ({@link Quantization#BINARY},
 * {@link Quantization#INT4}), a funnel's prefixes ({@link Funnel}), or none. A file holds the
 * codes (format version 2; 1-bit and 4-bit codes with their centroid), which an open copies; a
 * funnel's prefixes and the codes of an older file are computed again from the floats (1-bit
 * and 4-bit codes then around the mean of the stored vectors).
 */
final class TraversalCopies {
  private TraversalCopies() {}

  /**
   * An empty copy, or null when searches traverse the floats.
   *
   * @param rotation a funnel's PCA rotation read from a file, or null (not learned yet)
   */
  static TraversalSpace create(IndexConfig config, ChunkShape shape, float[] rotation) {
    Funnel funnel = config.funnel();
    if (funnel != null) {
      PrefixFunnel prefixes =
          new PrefixFunnel(
              config.dimension(),
              funnel.prefixArray(),
              funnel.rotation() == Funnel.Rotation.PCA,
              config.metric().normalizes(),
              ConfigMapping.vectorMetric(config.metric()),
              shape);
      if (rotation != null) {
        prefixes.setRotation(rotation);
      }
      return prefixes;
    }
    return switch (config.quantization()) {
      case NONE -> null;
      case INT8 -> new Int8Codes(config.dimension(), ConfigMapping.vectorMetric(config.metric()), shape);
      case BINARY -> new BitCodes(config.dimension(), ConfigMapping.vectorMetric(config.metric()), shape);
      case INT4 -> new Int4Codes(config.dimension(), ConfigMapping.vectorMetric(config.metric()), shape);
    };
  }

  /** The copy (or null) of an index read onto the heap, filled. */
  static TraversalSpace open(IndexConfig config, HeapParts parts) throws FormatException {
    TraversalSpace copy = create(config, parts.vectors().shape(), parts.rotation());
    return load(copy, config, parts.vectors(), parts.graph(), parts.nodeCount(), parts.codes());
  }

  /** The copy (or null) of a memory-mapped index, filled on the heap. */
  static TraversalSpace open(IndexConfig config, MappedParts parts) throws FormatException {
    int nodes = parts.graph().nodeCount();
    TraversalSpace copy = create(config, ChunkShape.forCapacity(Math.max(nodes, 1)), parts.rotation());
    return load(copy, config, parts.vectors(), parts.graph(), nodes, parts.codes());
  }

  /**
   * Fills {@code copy} (if any) from a file's records when it has records the copy takes: a copy,
   * where encoding every vector again would read them all. Else from the float vectors.
   *
   * @param stored the records the file holds, or null
   * @throws FormatException if the stored records are damaged
   */
  private static TraversalSpace load(
      TraversalSpace copy, IndexConfig config, VectorSpace floats, GraphView graph, int nodes, TraversalRecords stored)
      throws FormatException {
    if (copy == null || stored == null || !stored.fits(copy)) {
      return fill(copy, config, floats, graph, nodes);
    }
    copy.ensureCapacity(Math.max(nodes, config.initialCapacity()));
    stored.loadInto(copy, graph);
    return copy;
  }

  /** Fills {@code copy} (if any) from the float vectors of the nodes there are. */
  static TraversalSpace fill(TraversalSpace copy, IndexConfig config, VectorSpace floats, GraphView graph, int nodes) {
    if (copy == null) {
      return null;
    }
    copy.ensureCapacity(Math.max(nodes, config.initialCapacity()));
    if (copy instanceof CentredCodes centred && !centred.hasCentroid()) {
      Mean mean = new Mean(config.dimension());
      for (int node = 0; node < nodes; node++) {
        if (!graph.isFree(node)) {
          mean.add(floats.vector(node));
        }
      }
      if (mean.count > 0) {
        centred.fixCentroid(mean.value());
      }
    }
    for (int node = 0; node < nodes; node++) {
      if (!graph.isFree(node)) {
        copy.set(node, floats.vector(node));
      }
    }
    return copy;
  }

  /** What the graph is built on: a funnel's shortest prefix, else the floats. */
  static VectorSpace buildSpace(TraversalSpace copy, VectorSpace floats) {
    return copy instanceof PrefixFunnel funnel ? funnel.traversalSpace() : floats;
  }

  /**
   * Scorers of a node's float vector on the codes, for a build's layer searches, when the
   * configuration builds on them ({@link IndexConfig#buildOnCodes()}, which needs a quantization);
   * else null: walk the floats. A node's codes are set before it is inserted, as its floats are.
   */
  static IntFunction<NodeScorer> buildWalk(IndexConfig config, TraversalSpace copy, VectorSpace floats) {
    if (!config.buildOnCodes() || copy == null) {
      return null;
    }
    return node -> copy.scorer(floats.vector(node));
  }

  /** A funnel's rotation to store, or null. */
  static float[] rotation(TraversalSpace copy) {
    return copy instanceof PrefixFunnel funnel ? funnel.rotation() : null;
  }

  /** Whether vectors cannot be added yet: a PCA funnel that has not learned its rotation. */
  static boolean awaitsRotation(TraversalSpace copy) {
    return copy instanceof PrefixFunnel funnel && !funnel.ready();
  }

  /**
   * Learns what the copy needs from a first prepared batch: 1-bit and 4-bit codes their
   * centroid (the batch's mean), a PCA funnel its rotation (see {@link #learnRotation}). Nothing
   * once learned.
   */
  static void learnFromBatch(TraversalSpace copy, IndexConfig config, float[][] batch) {
    if (copy instanceof CentredCodes centred && !centred.hasCentroid() && batch.length > 0) {
      Mean mean = new Mean(config.dimension());
      for (float[] row : batch) {
        mean.add(row);
      }
      centred.fixCentroid(mean.value());
    }
    learnRotation(copy, config, batch);
  }

  /**
   * Learns a PCA funnel's rotation from a prepared batch, unless it has one: the principal axes of
   * a sample of at most {@link Funnel#PCA_SAMPLE} rows, drawn with the index's seed; centred for
   * L2, uncentred for dot products.
   */
  private static void learnRotation(TraversalSpace copy, IndexConfig config, float[][] batch) {
    if (!(copy instanceof PrefixFunnel funnel)) {
      return;
    }
    synchronized (funnel) {
      if (funnel.ready() || batch.length == 0) {
        return;
      }
      float[][] sample = sample(batch, Funnel.PCA_SAMPLE, config.seed());
      boolean centred = config.metric().kind() == Metric.Kind.L2;
      funnel.setRotation(PrincipalAxes.learn(sample, config.dimension(), centred, funnel.rotationRows()));
    }
  }

  /** At most {@code size} distinct rows, a seeded partial shuffle; all rows if there are fewer. */
  static float[][] sample(float[][] rows, int size, long seed) {
    if (rows.length <= size) {
      return rows;
    }
    int[] order = new int[rows.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    float[][] out = new float[size][];
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(rows.length - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
      out[i] = rows[order[i]];
    }
    return out;
  }

  /** The mean of rows, summed in double (the same rows in the same order give the same mean). */
  private static final class Mean {
    private final double[] sum;
    private long count;

    Mean(int dimension) {
      sum = new double[dimension];
    }

    void add(float[] row) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += row[i];
      }
      count++;
    }

    float[] value() {
      float[] mean = new float[sum.length];
      for (int i = 0; i < sum.length; i++) {
        mean[i] = (float) (sum[i] / count);
      }
      return mean;
    }
  }
}
