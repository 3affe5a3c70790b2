package io.hnsw4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recall@10 of HnswKnn against ExactKnn, ExactKnn against a brute force computed here, and the evaluator. */
class RecallTest {
  private static final long SEED = 7;
  private static final int ITEMS = 3000;
  private static final int QUERIES = 100;
  private static SparkSession spark;
  private static float[][] items;
  private static float[][] queries;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("RecallTest");
    float[][] all = TestData.clustered(ITEMS + QUERIES, 16, 20, SEED);
    items = Arrays.copyOfRange(all, 0, ITEMS);
    queries = Arrays.copyOfRange(all, ITEMS, ITEMS + QUERIES);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Dataset<Row> itemFrame() {
    return TestData.frame(spark, items, 0, TestData.Layout.VECTOR, 3);
  }

  private static Dataset<Row> queryFrame() {
    // Query ids start at 1,000,000 so that they cannot be mistaken for item ids.
    return TestData.frame(spark, queries, 1_000_000, TestData.Layout.VECTOR, 2);
  }

  @ParameterizedTest
  @CsvSource({"l2", "cosine", "ip"})
  void exactModelFindsTheBruteForceNeighbours(String metric) {
    ExactKnnModel exact = new ExactKnn().setMetric(metric).setNumShards(3).setK(10).fit(itemFrame());
    List<Row> rows = exact.transform(queryFrame()).orderBy("id").collectAsList();
    assertEquals(QUERIES, rows.size());
    for (int q = 0; q < QUERIES; q++) {
      List<Row> neighbors = rows.get(q).getList(2);
      long[] ids = neighbors.stream().mapToLong(r -> r.getLong(0)).toArray();
      assertArrayEquals(TestData.bruteForce(metric, items, 0, queries[q], 10), ids, "query " + q + ", " + metric);
      for (Row n : neighbors) {
        double expected = TestData.distance(metric, items[(int) n.getLong(0)], queries[q]);
        assertEquals(expected, n.getFloat(1), 1e-4 * Math.max(1, Math.abs(expected)), "distance, query " + q);
      }
    }
  }

  @ParameterizedTest
  // Measured 1.0000, 1.0000 and 0.9990.
  @CsvSource({"l2, 0.99", "cosine, 0.99", "ip, 0.98"})
  void hnswRecallAgainstExact(String metric, double pinnedRecall) {
    HnswKnnModel hnsw =
        new HnswKnn().setMetric(metric).setNumShards(3).setM(8).setEfConstruction(64).setEf(32).setK(10).fit(itemFrame());
    ExactKnnModel exact = new ExactKnn().setMetric(metric).setNumShards(2).setK(10).fit(itemFrame());
    double recall = recall(hnsw, exact);
    System.out.printf("recall@10 %s = %.4f%n", metric, recall);
    assertTrue(recall >= pinnedRecall, metric + ": recall@10 " + recall + " < " + pinnedRecall);
  }

  @Test
  void recallGrowsWithEf() {
    HnswKnnModel hnsw = new HnswKnn().setNumShards(2).setM(4).setEfConstruction(8).setK(10).fit(itemFrame());
    ExactKnnModel exact = new ExactKnn().setNumShards(1).setK(10).fit(itemFrame());
    double low = recall(hnsw.setEf(10), exact);
    double high = recall(hnsw.setEf(200), exact);
    System.out.printf("recall@10 M=4: ef 10 -> %.4f, ef 200 -> %.4f%n", low, high);
    // Measured 0.7780 and 0.9570: the build is single-threaded and seeded, so it is the same in every run.
    assertTrue(low >= 0.758, "ef 10: " + low);
    assertTrue(high >= 0.937, "ef 200: " + high);
    assertTrue(high > low, "ef 200 (" + high + ") should beat ef 10 (" + low + ")");
  }

  @Test
  void evaluatorAveragesTheShareOfExactNeighboursFound() {
    StructType list = new StructType().add("id", DataTypes.LongType).add("distance", DataTypes.FloatType);
    StructType schema =
        new StructType()
            .add("approximateNeighbors", DataTypes.createArrayType(list))
            .add("exactNeighbors", DataTypes.createArrayType(list));
    List<Row> rows =
        List.of(
            RowFactory.create(neighbors(1, 2, 3), neighbors(1, 2, 4)), // 2 of 3
            RowFactory.create(neighbors(5), neighbors(5, 6)), // 1 of 2: the exact list is short
            RowFactory.create(neighbors(7), neighbors())); // nothing to find counts 1
    Dataset<Row> frame = spark.createDataFrame(rows, schema);
    assertEquals((2.0 / 3 + 1.0 / 2 + 1) / 3, new KnnRecallEvaluator().setK(3).evaluate(frame), 1e-12);
    assertEquals(1.0, new KnnRecallEvaluator().setK(1).evaluate(frame), 1e-12);
    assertTrue(Double.isNaN(new KnnRecallEvaluator().evaluate(frame.limit(0))));
  }

  private static Row[] neighbors(long... ids) {
    Row[] rows = new Row[ids.length];
    for (int i = 0; i < ids.length; i++) {
      rows[i] = RowFactory.create(ids[i], (float) i);
    }
    return rows;
  }

  private static double recall(HnswKnnModel hnsw, ExactKnnModel exact) {
    Dataset<Row> both =
        exact.setOutputCol("exactNeighbors").transform(hnsw.setOutputCol("approximateNeighbors").transform(queryFrame()));
    return new KnnRecallEvaluator().setK(10).evaluate(both);
  }
}
