package io.hnsw4j.spark;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;

/**
 * The model {@link ExactKnn} fits: each shard's vectors, scanned by brute force. Its answers are
 * the exact k nearest neighbours, the reference for measuring an {@link HnswKnnModel}'s recall.
 * Every query costs a distance to every item, so keep it for evaluation on a sample of queries.
 */
public final class ExactKnnModel extends KnnModel<ExactKnnModel> {
  private static final long serialVersionUID = 1L;

  ExactKnnModel(String uid, ShardStore store, ShardSpec spec, long[] shardSizes) {
    super(uid, store, spec, shardSizes);
  }

  @Override
  int searchEf() {
    return 1;
  }

  @Override
  public ExactKnnModel copy(ParamMap extra) {
    return copyWith(new ExactKnnModel(uid(), store(), spec(), shardSizes()), extra);
  }

  /** {@return a reader of models saved by {@code model.write().save(path)}} */
  public static MLReader<ExactKnnModel> read() {
    return new KnnModelReader<>(ExactKnnModel.class, ExactKnnModel::new);
  }

  /**
   * Loads a saved model.
   *
   * @param path where it was saved (any Hadoop file system)
   * @return the model
   */
  public static ExactKnnModel load(String path) {
    return read().load(path);
  }
}
