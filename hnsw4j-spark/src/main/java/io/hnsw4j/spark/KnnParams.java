package io.hnsw4j.spark;

import io.hnsw4j.IndexConfig;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The params that the k-NN estimators and their models share, with Spark ML's getters and
 * setters: the id, features and output columns, k, and threads per task. (Spark's own shared
 * params, such as {@code HasFeaturesCol}, are Scala traits that Java classes cannot mix in.)
 *
 * @param <T> the implementing class, which setters return
 */
public interface KnnParams<T extends KnnParams<T>> extends Params {

  /** {@return this instance's param objects, which the accessors below return (an implementation detail)} */
  Shared sharedParams();

  /** {@return the column of the item ids (integral); default "id"} */
  default Param<String> idCol() {
    return sharedParams().idCol;
  }

  /** {@return the column of the vectors: a Spark ML Vector, {@code array<float>} or {@code array<double>}; default "features"} */
  default Param<String> featuresCol() {
    return sharedParams().featuresCol;
  }

  /** {@return the column that transform adds, {@code array<struct<id: bigint, distance: float>>}, nearest first; default "neighbors"} */
  default Param<String> outputCol() {
    return sharedParams().outputCol;
  }

  /** {@return how many neighbours to find per query (1 .. {@value IndexConfig#MAX_EF}); default 10} */
  default IntParam k() {
    return sharedParams().k;
  }

  /**
   * {@return the threads per Spark task for building and searching a shard; default 1} Give tasks
   * as many cores ({@code spark.task.cpus}).
   */
  default IntParam numThreads() {
    return sharedParams().numThreads;
  }

  /** {@return the id column's name} */
  default String getIdCol() {
    return getOrDefault(idCol());
  }

  /** {@return the features column's name} */
  default String getFeaturesCol() {
    return getOrDefault(featuresCol());
  }

  /** {@return the output column's name} */
  default String getOutputCol() {
    return getOrDefault(outputCol());
  }

  /** {@return the number of neighbours per query} */
  default int getK() {
    return (Integer) getOrDefault(k());
  }

  /** {@return the threads per task} */
  default int getNumThreads() {
    return (Integer) getOrDefault(numThreads());
  }

  /**
   * Sets the id column.
   *
   * @param value the column's name
   * @return this
   */
  default T setIdCol(String value) {
    set(idCol(), value);
    return self();
  }

  /**
   * Sets the features column.
   *
   * @param value the column's name
   * @return this
   */
  default T setFeaturesCol(String value) {
    set(featuresCol(), value);
    return self();
  }

  /**
   * Sets the output column.
   *
   * @param value the column's name
   * @return this
   */
  default T setOutputCol(String value) {
    set(outputCol(), value);
    return self();
  }

  /**
   * Sets the number of neighbours per query.
   *
   * @param value 1 .. {@value IndexConfig#MAX_EF}
   * @return this
   */
  default T setK(int value) {
    set(k(), value);
    return self();
  }

  /**
   * Sets the threads per task.
   *
   * @param value 1 .. 4096
   * @return this
   */
  default T setNumThreads(int value) {
    set(numThreads(), value);
    return self();
  }

  @SuppressWarnings("unchecked")
  private T self() {
    return (T) this;
  }

  /** The shared params of one owner, with their defaults set; the owner returns them from {@link #sharedParams()}. */
  final class Shared {
    final Param<String> idCol;
    final Param<String> featuresCol;
    final Param<String> outputCol;
    final IntParam k;
    final IntParam numThreads;

    Shared(Params owner) {
      idCol = new Param<>(owner, "idCol", "column of the item ids (integral)");
      featuresCol = new Param<>(owner, "featuresCol", "column of the vectors: Vector, array<float> or array<double>");
      outputCol = new Param<>(owner, "outputCol", "column of the neighbours found: array<struct<id, distance>>");
      k = new IntParam(owner, "k", "neighbours to find per query", ParamValidators.inRange(1, IndexConfig.MAX_EF));
      numThreads = new IntParam(owner, "numThreads", "threads per task", ParamValidators.inRange(1, 4096));
      owner.setDefault(idCol, "id");
      owner.setDefault(featuresCol, "features");
      owner.setDefault(outputCol, "neighbors");
      owner.setDefault(k, 10);
      owner.setDefault(numThreads, 1);
    }
  }
}
