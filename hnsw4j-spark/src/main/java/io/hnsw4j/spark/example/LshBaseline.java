package io.hnsw4j.spark.example;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSH;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSHModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Spark's own nearest-neighbour tool as the benchmark's baseline: BucketedRandomProjectionLSH
 * (Euclidean). Batch k-NN is its {@code approxSimilarityJoin} of the queries with the items (every
 * pair that shares a bucket in some hash table, within the distance threshold), ranked per query.
 * A query whose buckets hold fewer than k items gets fewer neighbours.
 */
final class LshBaseline {
  private final BucketedRandomProjectionLSHModel model;

  LshBaseline(Dataset<Row> items, double bucketLength, int tables, long seed) {
    model =
        new BucketedRandomProjectionLSH()
            .setInputCol("features")
            .setOutputCol("hashes")
            .setBucketLength(bucketLength)
            .setNumHashTables(tables)
            .setSeed(seed)
            .fit(items);
  }

  /**
   * Each query's k nearest items among its candidates, as ids by query id; {@code excludeSelf}
   * drops pairs of a row with itself (for the self-join).
   */
  int[][] nearest(Dataset<Row> queries, Dataset<Row> items, int queryCount, int k, double threshold, boolean excludeSelf) {
    Dataset<Row> pairs =
        model.approxSimilarityJoin(queries, items, threshold, "distance")
            .select(col("datasetA.id").as("query"), col("datasetB.id").as("item"), col("distance"));
    if (excludeSelf) {
      pairs = pairs.where(col("query").notEqual(col("item")));
    }
    List<Row> top =
        pairs.withColumn("rank", row_number().over(Window.partitionBy("query").orderBy("distance", "item")))
            .where(col("rank").leq(k))
            .select("query", "item", "rank")
            .collectAsList();
    int[][] found = new int[queryCount][];
    int[] counts = new int[queryCount];
    for (Row row : top) {
      counts[(int) row.getLong(0)]++;
    }
    for (int q = 0; q < queryCount; q++) {
      found[q] = new int[counts[q]];
    }
    for (Row row : top) {
      found[(int) row.getLong(0)][row.getInt(2) - 1] = (int) row.getLong(1);
    }
    return found;
  }
}
