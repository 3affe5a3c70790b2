package io.hnsw4j.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.when;

import io.hnsw4j.IndexConfig;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Recall@k of approximate neighbours against exact ones: per row, the share of the exact k
 * nearest ids that the approximate list's first k hold, averaged over rows (a row whose exact list
 * is empty counts 1). Both columns are {@code array<struct<id, distance>>}, as the models write.
 *
 * <pre>{@code
 * Dataset<Row> both = exactModel.setOutputCol("exactNeighbors")
 *     .transform(hnswModel.setOutputCol("approximateNeighbors").transform(queries));
 * double recall = new KnnRecallEvaluator().setK(10).evaluate(both);
 * }</pre>
 *
 * Computed by Spark SQL functions in the executors; only the mean reaches the driver.
 */
public final class KnnRecallEvaluator extends Evaluator implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  /** The evaluator's unique id. */
  private final String uid;
  /** See {@link #approximateCol()}. */
  private final Param<String> approximateCol;
  /** See {@link #exactCol()}. */
  private final Param<String> exactCol;
  /** See {@link #k()}. */
  private final IntParam k;

  /** An evaluator with a random uid and the default params. */
  public KnnRecallEvaluator() {
    this(Identifiable.randomUID("knnRecallEvaluator"));
  }

  /**
   * An evaluator with the given uid (as Spark's readers make them).
   *
   * @param uid the unique id
   */
  public KnnRecallEvaluator(String uid) {
    this.uid = uid;
    approximateCol = new Param<>(this, "approximateCol", "column of the approximate neighbours");
    exactCol = new Param<>(this, "exactCol", "column of the exact neighbours");
    k = new IntParam(this, "k", "neighbours compared per row", ParamValidators.inRange(1, IndexConfig.MAX_EF));
    setDefault(approximateCol, "approximateNeighbors");
    setDefault(exactCol, "exactNeighbors");
    setDefault(k, 10);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** {@return the column of the approximate neighbours (default "approximateNeighbors")} */
  public Param<String> approximateCol() {
    return approximateCol;
  }

  /** {@return the column of the exact neighbours (default "exactNeighbors")} */
  public Param<String> exactCol() {
    return exactCol;
  }

  /** {@return how many of the nearest are compared (default 10)} */
  public IntParam k() {
    return k;
  }

  /** {@return the approximate column's name} */
  public String getApproximateCol() {
    return getOrDefault(approximateCol);
  }

  /** {@return the exact column's name} */
  public String getExactCol() {
    return getOrDefault(exactCol);
  }

  /** {@return k} */
  public int getK() {
    return (Integer) getOrDefault(k);
  }

  /**
   * Sets the approximate column.
   *
   * @param value the column's name
   * @return this
   */
  public KnnRecallEvaluator setApproximateCol(String value) {
    set(approximateCol, value);
    return this;
  }

  /**
   * Sets the exact column.
   *
   * @param value the column's name
   * @return this
   */
  public KnnRecallEvaluator setExactCol(String value) {
    set(exactCol, value);
    return this;
  }

  /**
   * Sets k.
   *
   * @param value 1 .. {@value IndexConfig#MAX_EF}
   * @return this
   */
  public KnnRecallEvaluator setK(int value) {
    set(k, value);
    return this;
  }

  /**
   * The mean recall@k over the rows; NaN for no rows.
   *
   * @throws IllegalArgumentException if a column is missing
   */
  @Override
  public double evaluate(Dataset<?> dataset) {
    for (String name : new String[] {getApproximateCol(), getExactCol()}) {
      if (!java.util.List.of(dataset.columns()).contains(name)) {
        throw new IllegalArgumentException("no column '" + name + "' among " + java.util.List.of(dataset.columns()));
      }
    }
    int n = getK();
    Column exact = slice(col(getExactCol()).getField("id"), 1, n);
    Column approximate = slice(col(getApproximateCol()).getField("id"), 1, n);
    Column found = size(functions.array_intersect(exact, approximate));
    Column recall = when(size(exact).equalTo(0), lit(1.0)).otherwise(found.divide(size(exact)));
    Row mean = dataset.toDF().select(avg(recall)).head();
    return mean.isNullAt(0) ? Double.NaN : mean.getDouble(0);
  }

  @Override
  public boolean isLargerBetter() {
    return true;
  }

  @Override
  public KnnRecallEvaluator copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** {@return a reader of evaluators saved by {@code write().save(path)}} */
  public static MLReader<KnnRecallEvaluator> read() {
    return new DefaultParamsReadable<KnnRecallEvaluator>() {}.read();
  }
}
