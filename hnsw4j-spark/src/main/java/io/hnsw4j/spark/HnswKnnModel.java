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

  private final IntParam ef;

  HnswKnnModel(String uid, ShardStore store, ShardSpec spec, long[] shardSizes) {
    super(uid, store, spec, shardSizes);
    ef = HnswKnn.efParam(this);
  }

  /** Beam width of the search, at least k (1 .. {@value IndexConfig#MAX_EF}). Default 100. */
  public IntParam ef() {
    return ef;
  }

  public int getEf() {
    return (Integer) getOrDefault(ef);
  }

  public HnswKnnModel setEf(int value) {
    set(ef, value);
    return this;
  }

  /** Links per node the shards were built with. */
  public int m() {
    return spec().m();
  }

  /** Beam width the shards were built with. */
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

  /** Reads models saved by {@code model.write().save(path)}. */
  public static MLReader<HnswKnnModel> read() {
    return new KnnModelReader<>(HnswKnnModel.class, HnswKnnModel::new);
  }

  /** Loads the model saved at {@code path} (any Hadoop file system). */
  public static HnswKnnModel load(String path) {
    return read().load(path);
  }

}
