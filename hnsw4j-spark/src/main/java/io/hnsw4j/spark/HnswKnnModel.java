package io.hnsw4j.spark;

import io.hnsw4j.IndexConfig;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;

/**
 * The model {@link HnswKnn} fits: one hnsw4j HNSW index per shard. Searches are approximate; the
 * beam width {@link #ef()} trades speed for recall (measure it against {@link ExactKnnModel} with
 * {@link KnnRecallEvaluator}).
 *
 * <pre>{@code
 * HnswKnnModel model = HnswKnnModel.load("hdfs:///models/products");
 * Dataset<Row> hits = model.setK(10).setEf(200).transform(queries); // adds "neighbors"
 * }</pre>
 */
public final class HnswKnnModel extends KnnModel<HnswKnnModel> {
  private static final long serialVersionUID = 1L;

  /** See {@link #ef()}. */
  private final IntParam ef;

  HnswKnnModel(String uid, ShardStore store, ShardSpec spec, long[] shardSizes) {
    super(uid, store, spec, shardSizes);
    ef = HnswKnn.efParam(this);
  }

  /** {@return the beam width of the search, at least k (1 .. {@value IndexConfig#MAX_EF}); default 100} */
  public IntParam ef() {
    return ef;
  }

  /** {@return the beam width of the search} */
  public int getEf() {
    return (Integer) getOrDefault(ef);
  }

  /**
   * Sets the beam width of the search.
   *
   * @param value 1 .. {@value IndexConfig#MAX_EF}; searches use at least k
   * @return this
   */
  public HnswKnnModel setEf(int value) {
    set(ef, value);
    return this;
  }

  /** {@return the links per node the shards were built with} */
  public int m() {
    return spec().m();
  }

  /** {@return the beam width the shards were built with} */
  public int efConstruction() {
    return spec().efConstruction();
  }

  @Override
  int searchEf() {
    return getEf();
  }

  @Override
  public HnswKnnModel copy(ParamMap extra) {
    return copyWith(new HnswKnnModel(uid(), store(), spec(), shardSizes()), extra);
  }

  /** {@return a reader of models saved by {@code model.write().save(path)}} */
  public static MLReader<HnswKnnModel> read() {
    return new KnnModelReader<>(HnswKnnModel.class, HnswKnnModel::new);
  }

  /**
   * Loads a saved model.
   *
   * @param path where it was saved (any Hadoop file system)
   * @return the model
   */
  public static HnswKnnModel load(String path) {
    return read().load(path);
  }

}
