package io.hnsw4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * What the k-NN estimators share: {@link #fit} splits the items into shards (by a stable hash of
 * the id, or by the user's {@link #partitionCol()}), builds one index per shard in a Spark task,
 * writes each as a file under {@link #indexPath()}, and returns a model that points at them.
 *
 * @param <E> the concrete estimator
 * @param <M> the model it fits
 */
public abstract class KnnEstimator<E extends KnnEstimator<E, M>, M extends KnnModel<M>> extends Estimator<M>
    implements KnnParams<E>, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  /** The estimator's unique id. */
  private final String uid;
  /** The params shared with the models. */
  private final KnnParams.Shared shared;
  /** See {@link #metric()}. */
  private final Param<String> metric;
  /** See {@link #numShards()}. */
  private final IntParam numShards;
  /** See {@link #partitionCol()}. */
  private final Param<String> partitionCol;
  /** See {@link #indexPath()}. */
  private final Param<String> indexPath;

  KnnEstimator(String uid) {
    this.uid = uid;
    shared = new KnnParams.Shared(this);
    metric = new Param<>(this, "metric", "distance: l2 (squared Euclidean), cosine (1 - cosine) or ip (1 - dot product)",
        ParamValidators.inArray(new String[] {"l2", "cosine", "ip"}));
    numShards = new IntParam(this, "numShards", "number of shards, each one index built by one task",
        ParamValidators.inRange(1, 1 << 20));
    partitionCol = new Param<>(this, "partitionCol", "integral column that assigns items to shards (value mod numShards)");
    indexPath = new Param<>(this, "indexPath", "directory for the shard files, on a file system all executors reach");
    setDefault(metric, "l2");
    setDefault(numShards, 1);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public KnnParams.Shared sharedParams() {
    return shared;
  }

  /** {@return the metric param: "l2" (squared Euclidean, the default), "cosine" (1 - cosine) or "ip" (1 - dot product)} */
  public Param<String> metric() {
    return metric;
  }

  /** {@return the number of shards (default 1): each is one index, built by one task and searched by one task} */
  public IntParam numShards() {
    return numShards;
  }

  /** {@return the optional integral column that puts each item in shard {@code floorMod(value, numShards)}; unset: a hash of the id} */
  public Param<String> partitionCol() {
    return partitionCol;
  }

  /**
   * {@return the directory where fit writes the shard files} ({@code shards/} under it), on a file system every
   * executor reaches (HDFS, S3...). It must not hold shards already. Unset: a temporary local
   * folder, deleted when the JVM exits, which only works with a local master.
   */
  public Param<String> indexPath() {
    return indexPath;
  }

  /** {@return the metric} */
  public String getMetric() {
    return getOrDefault(metric);
  }

  /** {@return the number of shards} */
  public int getNumShards() {
    return (Integer) getOrDefault(numShards);
  }

  /** {@return the partition column, if set} */
  public String getPartitionCol() {
    return getOrDefault(partitionCol);
  }

  /** {@return the index path, if set} */
  public String getIndexPath() {
    return getOrDefault(indexPath);
  }

  /**
   * Sets the metric.
   *
   * @param value l2, cosine or ip
   * @return this
   */
  public E setMetric(String value) {
    set(metric, value);
    return self();
  }

  /**
   * Sets the number of shards.
   *
   * @param value 1 .. 2^20
   * @return this
   */
  public E setNumShards(int value) {
    set(numShards, value);
    return self();
  }

  /**
   * Sets the column that assigns items to shards.
   *
   * @param value an integral column's name
   * @return this
   */
  public E setPartitionCol(String value) {
    set(partitionCol, value);
    return self();
  }

  /**
   * Sets the directory for the shard files.
   *
   * @param value a path or URI on any Hadoop file system
   * @return this
   */
  public E setIndexPath(String value) {
    set(indexPath, value);
    return self();
  }

  @SuppressWarnings("unchecked")
  private E self() {
    return (E) this;
  }

  /** How the shards of a fit with vectors of this dimension are built. */
  abstract ShardSpec shardSpec(int dimension);

  /** A model for the shards a fit wrote. */
  abstract M newModel(String uid, ShardStore store, ShardSpec spec, long[] shardSizes);

  @Override
  public StructType transformSchema(StructType schema) {
    IdColumn.checkType(schema, getIdCol(), "the id column");
    if (isSet(partitionCol)) {
      IdColumn.checkType(schema, getPartitionCol(), "the partition column");
    }
    return KnnSchema.withNeighbors(schema, getFeaturesCol(), getOutputCol());
  }

  /**
   * Builds the shards and returns the model. The dimension is that of the first row with a vector;
   * a row with a null id or vector, a vector of another dimension, a NaN or infinite component, a
   * zero vector under cosine, or an id given twice fails the fit with an error naming the row.
   *
   * @throws IllegalArgumentException if the dataset has no vectors, or indexPath is unset on a
   *     cluster or holds shards already
   */
  @Override
  public M fit(Dataset<?> dataset) {
    StructType schema = dataset.schema();
    transformSchema(schema);
    Dataset<Row> items = dataset.toDF();
    SparkSession spark = items.sparkSession();
    ShardSpec spec = shardSpec(firstDimension(items));
    ShardStore store = ShardStore.at(directory(spark), spec.kind(), spark.sparkContext().hadoopConfiguration());
    checkEmpty(store);

    IdColumn ids = IdColumn.of(schema, getIdCol(), "the id column");
    VectorColumn features = VectorColumn.of(schema, getFeaturesCol());
    IdColumn shardColumn = isSet(partitionCol) ? IdColumn.of(schema, getPartitionCol(), "the partition column") : null;
    int shards = getNumShards();
    int threads = getNumThreads();
    boolean nonZero = spec.rejectsZeroVectors();
    int dimension = spec.dimension();
    JavaPairRDD<Integer, Tuple2<Long, float[]>> byShard =
        items.javaRDD()
            .mapToPair(row -> {
              long id = ids.read(row, "in a row; every item needs an id");
              String name = "id " + id;
              long key = shardColumn == null ? mix(id) : shardColumn.read(row, "in the row with " + name);
              float[] vector = features.read(row, name, dimension, nonZero);
              return new Tuple2<>((int) Math.floorMod(key, (long) shards), new Tuple2<>(id, vector));
            })
            .partitionBy(new HashPartitioner(shards));
    List<Tuple2<Integer, Long>> built =
        byShard
            .mapPartitionsWithIndex((shard, it) -> List.of(ShardBuilder.build(shard, it, store, spec, threads)).iterator(), true)
            .collect();
    M model = newModel(uid, store, spec, ShardBuilder.sizes(built, shards));
    copyValues(model, new ParamMap());
    return model.setParent(this);
  }

  /** The dimension of the first row's vector (its id named in an error). */
  private int firstDimension(Dataset<Row> items) {
    String featuresName = getFeaturesCol();
    List<Row> first =
        items.select(getIdCol(), featuresName).where(functions.col(featuresName).isNotNull()).limit(1).collectAsList();
    if (first.isEmpty()) {
      throw new IllegalArgumentException("nothing to index: column '" + featuresName + "' holds no vectors");
    }
    Row row = first.get(0);
    StructType schema = row.schema();
    return VectorColumn.of(schema, featuresName).read(row, IdColumn.of(schema, getIdCol(), "the id column").describe(row), -1, false).length;
  }

  private String directory(SparkSession spark) {
    if (isSet(indexPath)) {
      return getIndexPath();
    }
    if (!spark.sparkContext().isLocal()) {
      throw new IllegalArgumentException(
          "set indexPath to a directory that every executor can reach (HDFS, S3...): a cluster has no shared temporary folder");
    }
    return ShardStore.temporaryDirectory();
  }

  private static void checkEmpty(ShardStore store) {
    try {
      if (store.hasShards()) {
        throw new IllegalArgumentException(
            store.directory() + " holds shards already; fit into a new directory (a model may still be using them)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + store.directory(), e);
    }
  }

  /** A stable 64-bit mix of the id (SplitMix64's finaliser), so that consecutive ids spread over all shards. */
  static long mix(long id) {
    long z = id + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
