package io.hnsw4j.spark;

import static io.hnsw4j.spark.Failures.assertFailsSaying;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad items and queries fail with an error that names the row (by its id) and the problem. */
class InputValidationTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("InputValidationTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** 40 items of dimension 4, ids 0..39, then the given extra row. */
  private static Dataset<Row> itemsWith(Long extraId, float[] extraVector) {
    float[][] vectors = TestData.clustered(40, 4, 3, 5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < vectors.length; i++) {
      rows.add(RowFactory.create((long) i, TestData.value(vectors[i], TestData.Layout.VECTOR)));
    }
    rows.add(RowFactory.create(extraId, TestData.value(extraVector, TestData.Layout.VECTOR)));
    StructType schema = new StructType().add("id", DataTypes.LongType).add("features", TestData.type(TestData.Layout.VECTOR));
    return spark.createDataFrame(rows, schema).repartition(3);
  }

  @Test
  void nullVectorIsNamedByItsId() {
    assertFailsSaying(() -> new HnswKnn().setNumShards(2).fit(itemsWith(417L, null)), "id 417", "features is null");
  }

  @Test
  void vectorOfAnotherDimensionIsNamedByItsId() {
    assertFailsSaying(
        () -> new HnswKnn().setNumShards(2).fit(itemsWith(523L, new float[] {1, 2, 3})),
        "id 523", "has 3 components, expected 4");
  }

  @Test
  void nanComponentIsNamedByItsIdForBothKinds() {
    float[] nan = {1, Float.NaN, 0, 0};
    assertFailsSaying(() -> new HnswKnn().fit(itemsWith(99L, nan)), "id 99", "features[1] is NaN");
    assertFailsSaying(() -> new ExactKnn().fit(itemsWith(99L, nan)), "id 99", "features[1] is NaN");
  }

  @Test
  void zeroVectorUnderCosineIsNamedByItsId() {
    assertFailsSaying(
        () -> new HnswKnn().setMetric("cosine").fit(itemsWith(12345L, new float[4])), "id 12345", "all zeros");
  }

  @Test
  void nullIdAndRepeatedIdAreRejected() {
    assertFailsSaying(() -> new HnswKnn().fit(itemsWith(null, new float[] {1, 1, 1, 1})), "column 'id' is null");
    assertFailsSaying(
        () -> new HnswKnn().fit(itemsWith(7L, new float[] {1, 1, 1, 1})), "id 7 occurs in more than one row");
  }

  @Test
  void badQueriesAreNamedByIdOrPosition() {
    HnswKnnModel model = new HnswKnn().setNumShards(2).fit(itemsWith(40L, new float[] {1, 1, 1, 1}));
    StructType withId = new StructType().add("id", DataTypes.IntegerType).add("features", TestData.type(TestData.Layout.VECTOR));
    Dataset<Row> wrongDimension =
        spark.createDataFrame(List.of(RowFactory.create(1, Vectors.dense(1, 2)), RowFactory.create(2, null)), withId)
            .coalesce(1);
    assertFailsSaying(() -> model.transform(wrongDimension).collect(), "id 1", "has 2 components, expected 4");
    assertFailsSaying(() -> model.transform(wrongDimension.where("id = 2")).collect(), "id 2", "features is null");

    StructType noId = new StructType().add("features", TestData.type(TestData.Layout.VECTOR));
    Dataset<Row> anonymous = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2, 3))), noId).coalesce(1);
    assertFailsSaying(() -> model.transform(anonymous).collect(), "row 0 of partition 0", "has 3 components");
  }

  @Test
  void columnsAreCheckedBeforeAnyJob() {
    Dataset<Row> items = itemsWith(40L, new float[] {1, 1, 1, 1});
    assertFailsSaying(() -> new HnswKnn().setFeaturesCol("vector").fit(items), "no column 'vector'");
    assertFailsSaying(
        () -> new HnswKnn().fit(items.withColumn("features", items.col("id").cast("string"))),
        "column 'features' has type string", "Vector, array<float> or array<double>");
    assertFailsSaying(
        () -> new HnswKnn().fit(items.withColumn("id", items.col("id").cast("string"))),
        "column 'id' (the id column) has type string", "integral");
    assertFailsSaying(() -> new HnswKnn().setPartitionCol("shard").fit(items), "no column 'shard'");
    HnswKnnModel model = new HnswKnn().fit(items);
    assertFailsSaying(() -> model.transform(model.transform(items)), "output column 'neighbors' exists already");
    assertFailsSaying(() -> new HnswKnn().fit(items.limit(0)), "nothing to index");
    assertFailsSaying(() -> new HnswKnn().setMetric("hamming"), "metric", "hamming");
    assertFailsSaying(() -> new HnswKnn().setK(0), "k", "0");
  }
}
