package io.hnsw4j.spark;

import io.hnsw4j.IndexConfig;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * Approximate k-nearest-neighbour search on Spark with hnsw4j: {@code fit(items)} builds one HNSW
 * index per shard in the executors; the {@link HnswKnnModel} it returns finds each query's k
 * nearest items in all shards.
 *
 * <pre>{@code
 * HnswKnnModel model = new HnswKnn()
 *     .setIdCol("id").setFeaturesCol("features")   // long ids; Vector, array<float> or array<double>
 *     .setMetric("cosine").setM(16).setEfConstruction(200)
 *     .setNumShards(8).setIndexPath("hdfs:///models/products")
 *     .fit(items);
 * model.transform(queries);   // adds neighbors: array<struct<id: bigint, distance: float>>
 * model.selfJoin(0.05);       // near-duplicate pairs (id, neighbor, distance)
 * }</pre>
 */
public final class HnswKnn extends KnnEstimator<HnswKnn, HnswKnnModel> {
  private static final long serialVersionUID = 1L;

  /** See {@link #m()}. */
  private final IntParam m;
  /** See {@link #efConstruction()}. */
  private final IntParam efConstruction;
  /** See {@link #ef()}. */
  private final IntParam ef;
  /** See {@link #seed()}. */
  private final LongParam seed;

  /** An estimator with a random uid and the default params. */
  public HnswKnn() {
    this(Identifiable.randomUID("hnswKnn"));
  }

  /**
   * An estimator with the given uid (as Spark's readers make them).
   *
   * @param uid the unique id
   */
  public HnswKnn(String uid) {
    super(uid);
    m = new IntParam(this, "m", "links per node (the paper's M)", ParamValidators.inRange(2, IndexConfig.MAX_M));
    efConstruction = new IntParam(this, "efConstruction", "beam width while building",
        ParamValidators.inRange(1, IndexConfig.MAX_EF));
    ef = efParam(this);
    seed = new LongParam(this, "seed", "seed of the level generator (shard s uses seed + s)");
    setDefault(m, 16);
    setDefault(efConstruction, 200);
    setDefault(seed, 42L);
  }

  /** The search beam width param, shared with the model; default 100. */
  static IntParam efParam(Params owner) {
    IntParam ef = new IntParam(owner, "ef", "beam width of the search (at least k)", ParamValidators.inRange(1, IndexConfig.MAX_EF));
    owner.setDefault(ef, 100);
    return ef;
  }

  /** {@return the links per node (M, 2 .. {@value IndexConfig#MAX_M}; layer 0 keeps 2M); default 16} */
  public IntParam m() {
    return m;
  }

  /** {@return the beam width while building (default 200): higher builds slower graphs of better recall} */
  public IntParam efConstruction() {
    return efConstruction;
  }

  /** {@return the beam width of the model's searches (default 100), copied to the model, which can change it} */
  public IntParam ef() {
    return ef;
  }

  /** {@return the seed of the level generator (default 42): a single-threaded build of the same items gives the same shards} */
  public LongParam seed() {
    return seed;
  }

  /** {@return M} */
  public int getM() {
    return (Integer) getOrDefault(m);
  }

  /** {@return efConstruction} */
  public int getEfConstruction() {
    return (Integer) getOrDefault(efConstruction);
  }

  /** {@return ef} */
  public int getEf() {
    return (Integer) getOrDefault(ef);
  }

  /** {@return the seed} */
  public long getSeed() {
    return (Long) getOrDefault(seed);
  }

  /**
   * Sets M.
   *
   * @param value 2 .. {@value IndexConfig#MAX_M}
   * @return this
   */
  public HnswKnn setM(int value) {
    set(m, value);
    return this;
  }

  /**
   * Sets efConstruction.
   *
   * @param value 1 .. {@value IndexConfig#MAX_EF}
   * @return this
   */
  public HnswKnn setEfConstruction(int value) {
    set(efConstruction, value);
    return this;
  }

  /**
   * Sets ef.
   *
   * @param value 1 .. {@value IndexConfig#MAX_EF}
   * @return this
   */
  public HnswKnn setEf(int value) {
    set(ef, value);
    return this;
  }

  /**
   * Sets the seed.
   *
   * @param value any
   * @return this
   */
  public HnswKnn setSeed(long value) {
    set(seed, value);
    return this;
  }

  @Override
  ShardSpec shardSpec(int dimension) {
    return new ShardSpec(ShardKind.HNSW, getMetric(), dimension, getM(), getEfConstruction(), getSeed());
  }

  @Override
  HnswKnnModel newModel(String uid, ShardStore store, ShardSpec spec, long[] shardSizes) {
    return new HnswKnnModel(uid, store, spec, shardSizes);
  }

  @Override
  public HnswKnn copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** {@return a reader of estimators saved by {@code write().save(path)}} */
  public static MLReader<HnswKnn> read() {
    return new DefaultParamsReadable<HnswKnn>() {}.read();
  }

  /**
   * Loads a saved estimator.
   *
   * @param path where it was saved
   * @return the estimator
   */
  public static HnswKnn load(String path) {
    return read().load(path);
  }
}
