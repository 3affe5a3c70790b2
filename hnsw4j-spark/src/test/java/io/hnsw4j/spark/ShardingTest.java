package io.hnsw4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Shards and partitions of every shape give the brute-force answers: empty and skewed input
 * partitions, a user column that skews the shards, more shards than rows, no queries, and the
 * three vector column types. The session serialises with Kryo, as many clusters do. Shards here
 * are small and ef large, so HNSW searches visit every node and must be exact.
 */
class ShardingTest {
  private static final int K = 5;
  private static SparkSession spark;
  private static float[][] items;
  private static float[][] queries;

  @BeforeAll
  static void start() {
    spark = LocalSpark.builder("ShardingTest").config("spark.serializer", "org.apache.spark.serializer.KryoSerializer").getOrCreate();
    float[][] all = TestData.clustered(330, 6, 4, 3);
    items = Arrays.copyOfRange(all, 0, 300);
    queries = Arrays.copyOfRange(all, 300, 330);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static HnswKnn exhaustive() {
    return new HnswKnn().setK(K).setEf(400).setM(8);
  }

  private static void assertBruteForce(float[][] base, Dataset<Row> transformed, int k) {
    Map<Long, List<TestData.Neighbor>> found = TestData.neighborsById(transformed, "neighbors");
    assertEquals(queries.length, found.size());
    for (int q = 0; q < queries.length; q++) {
      long[] ids = found.get(1000L + q).stream().mapToLong(TestData.Neighbor::id).toArray();
      assertArrayEquals(TestData.bruteForce("l2", base, 0, queries[q], k), ids, "query " + q);
    }
  }

  private static Dataset<Row> queryFrame(int partitions) {
    return TestData.frame(spark, queries, 1000, TestData.Layout.VECTOR, partitions);
  }

  @Test
  void emptyInputPartitionsOnBothSides() {
    // 300 items in 64 partitions, and 30 queries in 50: many of both are empty.
    Dataset<Row> sparse = TestData.frame(spark, items, 0, TestData.Layout.VECTOR, 1).repartition(64);
    HnswKnnModel model = exhaustive().setNumShards(3).fit(sparse);
    assertEquals(300, model.size());
    assertBruteForce(items, model.transform(queryFrame(1).repartition(50)), K);
  }

  @Test
  void skewedPartitionsAndShards() {
    // All items in one input partition; the user's column puts 90% of them in shard 0, the rest
    // in shard 3 (7 mod 4) and none in shards 1 and 2.
    Dataset<Row> oneLump =
        TestData.frame(spark, items, 0, TestData.Layout.VECTOR, 1)
            .withColumn("bucket", functions.when(functions.col("id").lt(270), 0).otherwise(7))
            .coalesce(1);
    HnswKnnModel model = exhaustive().setNumShards(4).setPartitionCol("bucket").fit(oneLump);
    assertArrayEquals(new long[] {270, 0, 0, 30}, model.shardSizes());
    assertBruteForce(items, model.transform(queryFrame(3)), K);
  }

  @Test
  void moreShardsThanRows() {
    float[][] five = Arrays.copyOfRange(items, 0, 5);
    HnswKnnModel model = exhaustive().setK(10).setNumShards(8).fit(TestData.frame(spark, five, 0, TestData.Layout.VECTOR, 2));
    assertEquals(5, model.size());
    assertTrue(Arrays.stream(model.shardSizes()).filter(size -> size == 0).count() >= 3, Arrays.toString(model.shardSizes()));
    // k = 10 but only 5 items exist: every query gets all 5, nearest first.
    assertBruteForce(five, model.transform(queryFrame(2)), 5);
    ExactKnnModel exact = new ExactKnn().setK(10).setNumShards(8).fit(TestData.frame(spark, five, 0, TestData.Layout.VECTOR, 2));
    assertBruteForce(five, exact.transform(queryFrame(2)), 5);
    assertEquals(20, model.selfJoin(Double.MAX_VALUE).count()); // each of 5 items pairs with the 4 others
  }

  @Test
  void noQueries() {
    HnswKnnModel model = exhaustive().setNumShards(2).fit(TestData.frame(spark, items, 0, TestData.Layout.VECTOR, 2));
    Dataset<Row> none = model.transform(queryFrame(2).limit(0));
    assertEquals(0, none.count());
    assertEquals("neighbors", none.schema().fieldNames()[2]);
    Dataset<Row> noPartitions = spark.createDataFrame(new ArrayList<Row>(), queryFrame(1).schema());
    assertEquals(0, model.transform(noPartitions).count());
  }

  @ParameterizedTest
  @EnumSource(TestData.Layout.class)
  void everyVectorColumnTypeGivesTheSameAnswers(TestData.Layout layout) {
    HnswKnnModel model = exhaustive().setNumShards(2).fit(TestData.frame(spark, items, 0, layout, 2));
    assertBruteForce(items, model.transform(TestData.frame(spark, queries, 1000, layout, 2)), K);
    // Queries may use another type than the items.
    assertBruteForce(items, model.transform(queryFrame(2)), K);
  }

  @Test
  void sparseVectorsAndIntIdsAreAccepted() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < items.length; i++) {
      double[] dense = new double[items[i].length];
      for (int j = 0; j < dense.length; j++) {
        dense[j] = items[i][j];
      }
      rows.add(RowFactory.create(i, Vectors.dense(dense).toSparse()));
    }
    StructType schema = new StructType().add("id", DataTypes.IntegerType).add("features", TestData.type(TestData.Layout.VECTOR));
    HnswKnnModel model = exhaustive().setNumShards(3).fit(spark.createDataFrame(rows, schema));
    assertBruteForce(items, model.transform(queryFrame(2)), K);
  }
}
