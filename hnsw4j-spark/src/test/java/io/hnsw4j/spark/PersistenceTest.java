package io.hnsw4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.HnswIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models saved and loaded (alone and in a Pipeline) answer exactly as before; estimators keep their params. */
class PersistenceTest {
  private static SparkSession spark;
  private static Dataset<Row> items;
  private static Dataset<Row> queries;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("PersistenceTest");
    float[][] all = TestData.clustered(1300, 8, 10, 11);
    items = TestData.frame(spark, Arrays.copyOfRange(all, 0, 1200), 0, TestData.Layout.FLOAT_ARRAY, 2);
    queries = TestData.frame(spark, Arrays.copyOfRange(all, 1200, 1300), 5000, TestData.Layout.FLOAT_ARRAY, 2);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void hnswModelAnswersIdenticallyAfterSaveAndLoad() throws IOException {
    HnswKnnModel model = new HnswKnn().setMetric("cosine").setNumShards(3).setM(6).setK(5).setEf(12).fit(items);
    Map<Long, List<TestData.Neighbor>> before = TestData.neighborsById(model.transform(queries), "neighbors");
    String path = dir.resolve("model").toUri().toString();
    model.write().save(path);

    HnswKnnModel loaded = HnswKnnModel.load(path);
    assertEquals(before, TestData.neighborsById(loaded.transform(queries), "neighbors"));
    assertEquals(model.uid(), loaded.uid());
    assertEquals(5, loaded.getK());
    assertEquals(12, loaded.getEf());
    assertEquals("cosine", loaded.metric());
    assertEquals(8, loaded.dimension());
    assertEquals(6, loaded.m());
    assertArrayEquals(model.shardSizes(), loaded.shardSizes());
    assertEquals(1200, loaded.size());
    // Each shard is a plain hnsw4j index file that the core library opens.
    for (int shard = 0; shard < 3; shard++) {
      Path file = dir.resolve("model/shards/shard-0000" + shard + ".hnsw");
      try (HnswIndex index = HnswIndex.open(file)) {
        assertEquals(model.shardSizes()[shard], index.size());
      }
    }
  }

  @Test
  void exactModelAnswersIdenticallyAfterSaveAndLoad() throws IOException {
    ExactKnnModel model = new ExactKnn().setMetric("l2").setNumShards(2).setK(7).fit(items);
    Map<Long, List<TestData.Neighbor>> before = TestData.neighborsById(model.transform(queries), "neighbors");
    String path = dir.resolve("exact").toString();
    model.save(path);
    ExactKnnModel loaded = ExactKnnModel.load(path);
    assertEquals(before, TestData.neighborsById(loaded.transform(queries), "neighbors"));
    assertEquals(7, loaded.getK());
  }

  @Test
  void modelFittedIntoItsIndexPathSavesThereWithoutCopying() throws IOException {
    String path = dir.resolve("in-place").toString();
    HnswKnnModel model = new HnswKnn().setIndexPath(path).setNumShards(2).setK(3).fit(items);
    assertTrue(model.indexPath().endsWith("in-place"), model.indexPath());
    Map<Long, List<TestData.Neighbor>> before = TestData.neighborsById(model.transform(queries), "neighbors");
    model.write().save(path);
    model.write().overwrite().save(path); // the shards it reads from survive
    assertEquals(before, TestData.neighborsById(HnswKnnModel.load(path).transform(queries), "neighbors"));

    IllegalArgumentException reused =
        assertThrows(IllegalArgumentException.class, () -> new HnswKnn().setIndexPath(path).fit(items));
    assertTrue(reused.getMessage().contains("holds shards already"), reused.getMessage());
  }

  @Test
  void savingOverAModelNeedsOverwrite() throws IOException {
    HnswKnnModel model = new HnswKnn().setNumShards(1).fit(items);
    String path = dir.resolve("twice").toString();
    model.write().save(path);
    IOException exists = assertThrows(IOException.class, () -> model.write().save(path));
    assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
    model.write().overwrite().save(path);
    assertEquals(1200, HnswKnnModel.load(path).size());
  }

  @Test
  void pipelineWithTheEstimatorSavesAndLoads() throws IOException {
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {new HnswKnn().setNumShards(2).setK(4)});
    PipelineModel fitted = pipeline.fit(items);
    Map<Long, List<TestData.Neighbor>> before = TestData.neighborsById(fitted.transform(queries), "neighbors");
    String path = dir.resolve("pipeline").toString();
    fitted.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    assertEquals(before, TestData.neighborsById(loaded.transform(queries), "neighbors"));

    pipeline.write().save(dir.resolve("unfitted").toString());
    HnswKnn stage = (HnswKnn) Pipeline.load(dir.resolve("unfitted").toString()).getStages()[0];
    assertEquals(4, stage.getK());
    assertEquals(2, stage.getNumShards());
  }

  @Test
  void estimatorsAndEvaluatorKeepTheirParams() throws IOException {
    HnswKnn hnsw = new HnswKnn().setM(24).setEfConstruction(300).setEf(77).setSeed(5).setMetric("ip").setPartitionCol("p");
    hnsw.save(dir.resolve("hnsw").toString());
    HnswKnn hnswLoaded = HnswKnn.load(dir.resolve("hnsw").toString());
    assertEquals(hnsw.extractParamMap().toString(), hnswLoaded.extractParamMap().toString());
    assertEquals(24, hnswLoaded.getM());
    assertEquals("p", hnswLoaded.getPartitionCol());

    ExactKnn exact = new ExactKnn().setNumShards(9).setIdCol("key");
    exact.save(dir.resolve("exact-estimator").toString());
    assertEquals(9, ExactKnn.load(dir.resolve("exact-estimator").toString()).getNumShards());

    KnnRecallEvaluator evaluator = new KnnRecallEvaluator().setK(3).setExactCol("truth");
    evaluator.save(dir.resolve("evaluator").toString());
    KnnRecallEvaluator evaluatorLoaded = KnnRecallEvaluator.read().load(dir.resolve("evaluator").toString());
    assertEquals("truth", evaluatorLoaded.getExactCol());
    assertEquals(3, evaluatorLoaded.getK());
  }

  @Test
  void loadingFailsClearlyWithoutAModelOrWithAnotherKind() throws IOException {
    String exactPath = dir.resolve("exact-model").toString();
    new ExactKnn().fit(items).save(exactPath);
    IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class, () -> HnswKnnModel.load(exactPath));
    assertTrue(wrongKind.getMessage().contains("ExactKnnModel, not a io.hnsw4j.spark.HnswKnnModel"), wrongKind.getMessage());

    Path empty = Files.createDirectories(dir.resolve("empty"));
    UncheckedIOException none = assertThrows(UncheckedIOException.class, () -> HnswKnnModel.load(empty.toString()));
    assertTrue(none.getMessage().contains("no model here"), none.getMessage());
  }
}
