package io.hnsw4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The self-join against a brute-force self-join computed here, and near-duplicate detection. */
class SelfJoinTest {
  private static final int ITEMS = 1500;
  private static final int PLANTED = 40;
  private static final int K = 5;
  private static SparkSession spark;
  private static float[][] items;
  private static Dataset<Row> frame;

  /** A pair as the tests compare it. */
  private record Pair(long id, long neighbor) {}

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("SelfJoinTest");
    // Clustered items, the last 40 of which are near-copies of items 0..39.
    items = TestData.clustered(ITEMS, 12, 15, 21);
    Random random = new Random(22);
    for (int i = 0; i < PLANTED; i++) {
      float[] copy = items[i].clone();
      for (int j = 0; j < copy.length; j++) {
        copy[j] += (float) (random.nextGaussian() * 1e-3);
      }
      items[ITEMS - PLANTED + i] = copy;
    }
    frame = TestData.frame(spark, items, 0, TestData.Layout.DOUBLE_ARRAY, 3);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** For every item, its k nearest others within the threshold (brute force, in double). */
  private static Set<Pair> bruteForcePairs(double threshold) {
    Set<Pair> pairs = new HashSet<>();
    for (int i = 0; i < ITEMS; i++) {
      long[] nearest = TestData.bruteForce("l2", items, 0, items[i], K + 1);
      int taken = 0;
      for (long j : nearest) {
        if (j != i && taken < K && TestData.distance("l2", items[i], items[(int) j]) <= threshold) {
          pairs.add(new Pair(i, j));
          taken++;
        }
      }
    }
    return pairs;
  }

  private static Set<Pair> pairs(Dataset<Row> joined) {
    Set<Pair> out = new HashSet<>();
    for (Row row : joined.collectAsList()) {
      out.add(new Pair(row.getLong(0), row.getLong(1)));
    }
    return out;
  }

  @Test
  void exactSelfJoinIsTheBruteForceSelfJoin() {
    ExactKnnModel exact = new ExactKnn().setNumShards(3).setK(K).fit(frame);
    double threshold = 6.0; // squared L2: some items have fewer than k neighbours this close
    Set<Pair> expected = bruteForcePairs(threshold);
    Dataset<Row> joined = exact.selfJoin(threshold);
    assertEquals(List.of("id", "neighbor", "distance"), Arrays.asList(joined.columns()));
    assertEquals(expected, pairs(joined));
    assertTrue(expected.size() < ITEMS * K, "the threshold should cut some pairs: " + expected.size());
    for (Row row : joined.collectAsList()) {
      double d = TestData.distance("l2", items[(int) row.getLong(0)], items[(int) row.getLong(1)]);
      assertEquals(d, row.getFloat(2), 1e-4 * Math.max(1, d));
    }
  }

  @Test
  void hnswSelfJoinFindsTheExactPairs() {
    HnswKnnModel hnsw = new HnswKnn().setNumShards(3).setM(8).setEfConstruction(64).setEf(32).setK(K).fit(frame);
    double threshold = 6.0;
    Set<Pair> expected = bruteForcePairs(threshold);
    Set<Pair> found = pairs(hnsw.selfJoin(threshold));
    long hits = found.stream().filter(expected::contains).count();
    double recall = hits / (double) expected.size();
    System.out.printf("self-join pair recall = %.4f (%d of %d)%n", recall, hits, expected.size());
    assertTrue(recall >= 0.99, "pair recall " + recall);
    // Whatever it found is within the threshold and never an item with itself.
    for (Pair pair : found) {
      assertTrue(pair.id() != pair.neighbor());
      assertTrue(TestData.distance("l2", items[(int) pair.id()], items[(int) pair.neighbor()]) <= threshold + 1e-4);
    }
  }

  @Test
  void tightThresholdFindsExactlyThePlantedDuplicates() {
    HnswKnnModel hnsw = new HnswKnn().setNumShards(2).setK(K).fit(frame);
    Set<Pair> duplicates = pairs(hnsw.selfJoin(1e-3).where("id < neighbor"));
    Set<Pair> planted = new HashSet<>();
    for (int i = 0; i < PLANTED; i++) {
      planted.add(new Pair(i, ITEMS - PLANTED + i));
    }
    assertEquals(planted, duplicates);
  }
}
