package io.hnsw4j.spark;

import io.hnsw4j.Metric;
import java.io.Serializable;

/**
 * How a model's shards were built: the kind of index, the metric, the dimension and, for HNSW, the
 * graph parameters. Fixed when the model is fitted and stored in its metadata.
 *
 * @param kind an HNSW graph or a plain list for exact search
 * @param metric "l2", "cosine" or "ip"
 * @param dimension components of every vector
 * @param m links per node (HNSW only)
 * @param efConstruction beam width while building (HNSW only)
 * @param seed seed of shard 0's level generator; shard s uses {@code seed + s} (HNSW only)
 */
record ShardSpec(ShardKind kind, String metric, int dimension, int m, int efConstruction, long seed)
    implements Serializable {

  Metric hnswMetric() {
    return Metric.byName(metric);
  }

  /** Whether the metric rejects zero vectors (cosine normalises every vector). */
  boolean rejectsZeroVectors() {
    return hnswMetric().normalizes();
  }
}
