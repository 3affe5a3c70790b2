package io.hnsw4j.spark;

import io.hnsw4j.IndexConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted k-NN model: shard files (one index per shard) in a directory on a Hadoop file system.
 * {@link #transform} adds to each query row its k nearest items from all shards; {@link
 * #selfJoin} pairs every item with its nearest items. Neither collects the index or the queries
 * on the driver: a task per shard opens that shard's file and answers all queries sent to it.
 *
 * <p>The queries are read twice (once to search, once to attach the answers to their rows), so
 * cache a query DataFrame that is expensive to compute or not deterministic.
 *
 * <p>Thread safety: {@code transform} and {@code selfJoin} only plan Spark jobs and may be called
 * from several driver threads at once; setting a param changes the model for every thread, as
 * with any Spark ML stage. The shard files are read-only once fitted.
 *
 * @param <M> the concrete model
 */
public abstract class KnnModel<M extends KnnModel<M>> extends Model<M> implements KnnParams<M>, MLWritable {
  private static final long serialVersionUID = 1L;

  /** The model's unique id (its estimator's). */
  private final String uid;
  /** The params shared with the estimators. */
  private final KnnParams.Shared shared;
  /** Where the shard files are. */
  private final ShardStore store;
  /** How the shards were built. */
  private final ShardSpec spec;
  /** Items per shard. */
  private final long[] shardSizes;

  KnnModel(String uid, ShardStore store, ShardSpec spec, long[] shardSizes) {
    this.uid = uid;
    this.shared = new KnnParams.Shared(this);
    this.store = store;
    this.spec = spec;
    this.shardSizes = shardSizes.clone();
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public KnnParams.Shared sharedParams() {
    return shared;
  }

  /** {@return the metric: "l2" (squared Euclidean), "cosine" (1 - cosine) or "ip" (1 - dot product)} */
  public String metric() {
    return spec.metric();
  }

  /** {@return the components of every vector} */
  public int dimension() {
    return spec.dimension();
  }

  /** {@return the number of shards} */
  public int numShards() {
    return shardSizes.length;
  }

  /** {@return the number of items in each shard} */
  public long[] shardSizes() {
    return shardSizes.clone();
  }

  /** {@return the number of items in all shards} */
  public long size() {
    long total = 0;
    for (long size : shardSizes) {
      total += size;
    }
    return total;
  }

  /** {@return the directory that holds the shard files ({@code shards/}), as a qualified URI} */
  public String indexPath() {
    return store.directory();
  }

  /** The beam width a search uses (HNSW's ef; exact search ignores it). */
  abstract int searchEf();

  ShardStore store() {
    return store;
  }

  ShardSpec spec() {
    return spec;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return KnnSchema.withNeighbors(schema, getFeaturesCol(), getOutputCol());
  }

  /**
   * The query rows, each with the output column added: its k nearest items, nearest first. The
   * queries' features column must have the index's dimension; a null or bad vector fails the job
   * with an error naming the row (by its id when the queries have the id column).
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType outputSchema = transformSchema(dataset.schema());
    Dataset<Row> queries = dataset.toDF();
    JavaRDD<Row> rows = queries.javaRDD();
    int partitions = rows.getNumPartitions();
    VectorColumn features = VectorColumn.of(queries.schema(), getFeaturesCol());
    IdColumn ids = IdColumn.ifPresent(queries.schema(), getIdCol());
    int dimension = spec.dimension();
    boolean nonZero = spec.rejectsZeroVectors();
    JavaPairRDD<Long, float[]> keyed =
        JavaPairRDD.fromJavaRDD(
            rows.mapPartitionsWithIndex((p, it) -> QueryRows.keyed(p, it, features, ids, dimension, nonZero), true));
    int k = getK();
    JavaPairRDD<Long, Neighbors> answers =
        ShardSearch.searchEveryShard(keyed, plan(k))
            .repartitionAndSortWithinPartitions(new QueryPartitioner(partitions));
    JavaRDD<Row> joined = rows.zipPartitions(answers, (r, a) -> QueryRows.withNeighbors(r, a, k));
    return queries.sparkSession().createDataFrame(joined, outputSchema);
  }

  /**
   * Every stored item paired with each of its k nearest other items whose distance is at most
   * {@code threshold}: columns {@code id}, {@code neighbor}, {@code distance}. A pair within the
   * threshold appears once from each side when each is among the other's k nearest. For
   * de-duplication, keep the pairs with {@code id < neighbor}. The items are read back from the
   * shards, so the training data is not needed.
   *
   * @param threshold the largest distance of a pair (in the metric's units: squared L2, 1 - cosine)
   * @return the pairs
   */
  public Dataset<Row> selfJoin(double threshold) {
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold must be a number, got NaN");
    }
    SparkSession spark = SparkSession.active();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int k = getK();
    // One more than k: an item usually finds itself first.
    int wanted = Math.min(k + 1, IndexConfig.MAX_EF);
    JavaPairRDD<Long, Neighbors> nearest =
        ShardSearch.searchEveryShard(ShardSearch.storedItems(jsc, store, spec, numShards()), plan(wanted))
            .reduceByKey((a, b) -> Neighbors.merge(a, b, wanted));
    JavaRDD<Row> pairs = nearest.flatMap(item -> pairsOf(item._1(), item._2(), k, threshold).iterator());
    return spark.createDataFrame(pairs, KnnSchema.PAIR);
  }

  private static List<Row> pairsOf(long id, Neighbors neighbors, int k, double threshold) {
    List<Row> pairs = new ArrayList<>(k);
    for (int i = 0; i < neighbors.size() && pairs.size() < k; i++) {
      if (neighbors.id(i) != id && neighbors.distance(i) <= threshold) {
        pairs.add(RowFactory.create(id, neighbors.id(i), neighbors.distance(i)));
      }
    }
    return pairs;
  }

  private ShardSearch.Plan plan(int k) {
    return new ShardSearch.Plan(store, spec, numShards(), k, Math.max(k, searchEf()), getNumThreads());
  }

  /**
   * Saves the model: metadata and shard files. Saving to the directory the model already lives in
   * (its {@link #indexPath()}) writes the metadata only; elsewhere, the shards are copied by Spark
   * tasks, one per shard.
   */
  @Override
  public MLWriter write() {
    return new KnnModelWriter(this);
  }

  /** Sets a param from its JSON value, as saved in the metadata. */
  void setParamFromJson(String name, String json) {
    Param<Object> param = getParam(name);
    set(param, param.jsonDecode(json));
  }

  /** The same shards and params under another model object (for {@code copy}). */
  M copyWith(M copy, org.apache.spark.ml.param.ParamMap extra) {
    return copyValues(copy, extra).setParent(parent());
  }
}
