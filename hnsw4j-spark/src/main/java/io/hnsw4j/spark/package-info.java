/**
 * k-nearest-neighbour search and similarity joins on Apache Spark with hnsw4j.
 *
 * <ul>
 *   <li>{@link io.hnsw4j.spark.HnswKnn} / {@link io.hnsw4j.spark.HnswKnnModel}: approximate search, one
 *       HNSW index per shard, built and searched in the executors.
 *   <li>{@link io.hnsw4j.spark.ExactKnn} / {@link io.hnsw4j.spark.ExactKnnModel}: the same API by brute
 *       force, the reference for recall.
 *   <li>{@link io.hnsw4j.spark.KnnRecallEvaluator}: recall@k of one against the other.
 * </ul>
 *
 * Models are saved with {@code model.write().save(path)} and loaded with {@code
 * HnswKnnModel.load(path)} on any Hadoop file system: a Spark ML metadata file and one hnsw4j
 * index file per shard.
 */
package io.hnsw4j.spark;
