package io.hnsw4j.spark;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * Exact k-nearest-neighbour search with the same API as {@link HnswKnn}: {@code fit(items)} writes
 * each shard's vectors, and the {@link ExactKnnModel} scans them all by brute force. It gives the
 * true neighbours against which {@link KnnRecallEvaluator} measures an HNSW model's recall.
 */
public final class ExactKnn extends KnnEstimator<ExactKnn, ExactKnnModel> {
  private static final long serialVersionUID = 1L;

  /** An estimator with a random uid and the default params. */
  public ExactKnn() {
    this(Identifiable.randomUID("exactKnn"));
  }

  /**
   * An estimator with the given uid (as Spark's readers make them).
   *
   * @param uid the unique id
   */
  public ExactKnn(String uid) {
    super(uid);
  }

  @Override
  ShardSpec shardSpec(int dimension) {
    return new ShardSpec(ShardKind.EXACT, getMetric(), dimension, 0, 0, 0);
  }

  @Override
  ExactKnnModel newModel(String uid, ShardStore store, ShardSpec spec, long[] shardSizes) {
    return new ExactKnnModel(uid, store, spec, shardSizes);
  }

  @Override
  public ExactKnn copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** {@return a reader of estimators saved by {@code write().save(path)}} */
  public static MLReader<ExactKnn> read() {
    return new DefaultParamsReadable<ExactKnn>() {}.read();
  }

  /**
   * Loads a saved estimator.
   *
   * @param path where it was saved
   * @return the estimator
   */
  public static ExactKnn load(String path) {
    return read().load(path);
  }
}
