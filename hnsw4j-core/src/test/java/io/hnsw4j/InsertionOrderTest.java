package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.TestData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InsertionOrderTest {
  @TempDir Path dir;

  /** 600 points on a 2-dimensional plane, then 600 in a 12-dimensional subspace far from it. */
  private static float[][] flatThenSpread() {
    float[][] flat = Subspace.gaussian(600, 2, 24, 1);
    float[][] spread = Subspace.gaussian(600, 12, 24, 2);
    for (float[] v : spread) {
      v[0] += 100;
    }
    float[][] all = Arrays.copyOf(flat, 1200);
    System.arraycopy(spread, 0, all, 600, 600);
    return all;
  }

  @ParameterizedTest
  @EnumSource(InsertionOrder.class)
  void everyOrderIsAPermutationAndTheSameForTheSameSeed(InsertionOrder order) {
    float[][] data = flatThenSpread();
    int[] first = order.permutation(data, Metric.L2, 5, 2);
    int[] sorted = first.clone();
    Arrays.sort(sorted);
    assertArrayEquals(IntStream.range(0, data.length).toArray(), sorted, order + " is not a permutation");
    assertArrayEquals(first, order.permutation(data, Metric.L2, 5, 1), order + " changed between runs");
  }

  @Test
  void givenIsTheIdentityAndRandomFollowsTheSeed() {
    float[][] data = flatThenSpread();
    assertArrayEquals(IntStream.range(0, 1200).toArray(), InsertionOrder.GIVEN.permutation(data, Metric.L2, 5, 1));
    int[] a = InsertionOrder.RANDOM.permutation(data, Metric.L2, 5, 1);
    int[] b = InsertionOrder.RANDOM.permutation(data, Metric.L2, 6, 1);
    assertFalse(Arrays.equals(a, b));
    assertFalse(Arrays.equals(a, InsertionOrder.GIVEN.permutation(data, Metric.L2, 5, 1)));
  }

  /**
   * The plane's points have LID about 2, the others about 12: ascending puts the plane first (all
   * but one of the 600 first rows were the plane's when this was written; pointwise estimates from
   * 20 neighbours are noisy).
   */
  @Test
  void lidOrdersSeparateFlatFromSpreadNeighbourhoods() {
    float[][] data = flatThenSpread();
    int[] ascending = InsertionOrder.LID_ASCENDING.permutation(data, Metric.L2, 5, 2);
    long flatFirst = Arrays.stream(ascending, 0, 600).filter(row -> row < 600).count();
    assertTrue(flatFirst >= 590, flatFirst + " of the first 600 are on the plane");
    int[] descending = InsertionOrder.LID_DESCENDING.permutation(data, Metric.L2, 5, 2);
    int[] reversed = IntStream.range(0, 1200).map(i -> ascending[1199 - i]).toArray();
    assertArrayEquals(reversed, descending); // no two estimates tie here
  }

  @Test
  void tiesKeepTheGivenOrderAndUndefinedCountsAsZero() {
    double[] lid = {3, Double.NaN, 1, 3, 0.5};
    assertArrayEquals(new int[] {1, 4, 2, 0, 3}, InsertionOrder.byLid(lid, false));
    assertArrayEquals(new int[] {0, 3, 2, 4, 1}, InsertionOrder.byLid(lid, true));
  }

  @Test
  void smallBatchesNeedNoEstimate() {
    for (InsertionOrder order : InsertionOrder.values()) {
      assertEquals(0, order.permutation(new float[0][], Metric.L2, 1, 1).length);
      assertArrayEquals(new int[] {0, 1}, order == InsertionOrder.RANDOM
          ? sortedCopy(order.permutation(new float[][] {{1}, {2}}, Metric.L2, 1, 1))
          : order.permutation(new float[][] {{1}, {2}}, Metric.L2, 1, 1));
    }
  }

  /**
   * addAll inserts in the configured order: on one thread, the graph (seen through its search
   * results) is the one that adding the rows one by one in that order builds.
   */
  @ParameterizedTest
  @EnumSource(InsertionOrder.class)
  void addAllInsertsInTheConfiguredOrder(InsertionOrder order) {
    TestData.Split data = TestData.clusteredSplit(1500, 30, 16, 6, 3);
    IndexConfig config = IndexConfig.builder(16).m(6).efConstruction(30).seed(9).insertionOrder(order).build();
    long[] ids = IntStream.range(0, 1500).mapToLong(i -> 1000 + i).toArray();
    int[] sequence = order.permutation(data.base(), Metric.L2, 9, 1);
    try (HnswIndex bulk = HnswIndex.create(config);
        HnswIndex oneByOne = HnswIndex.create(config.toBuilder().insertionOrder(InsertionOrder.GIVEN).build())) {
      bulk.addAll(ids, data.base(), 1);
      for (int row : sequence) {
        oneByOne.add(ids[row], data.base()[row]);
      }
      for (float[] q : data.queries()) {
        assertEquals(oneByOne.search(q, 10, 10), bulk.search(q, 10, 10));
      }
      assertEquals(1500, bulk.size());
      assertTrue(bulk.checkIntegrity().ok(), bulk.checkIntegrity().toString());
    }
  }

  /** The order is a build-time option: the file does not store it. */
  @Test
  void theOrderIsNotStored() throws Exception {
    IndexConfig config = IndexConfig.builder(4).insertionOrder(InsertionOrder.RANDOM).build();
    assertEquals(InsertionOrder.RANDOM, config.toBuilder().build().insertionOrder());
    assertEquals(InsertionOrder.GIVEN, IndexConfig.builder(4).build().insertionOrder());
    Path file = dir.resolve("random.hnsw");
    try (HnswIndex index = HnswIndex.create(config)) {
      index.addAll(new long[] {1, 2, 3}, new float[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}}, 1);
      index.save(file);
    }
    try (HnswIndex opened = HnswIndex.open(file)) {
      assertEquals(InsertionOrder.GIVEN, opened.config().insertionOrder());
      assertEquals(config.toBuilder().insertionOrder(InsertionOrder.GIVEN).initialCapacity(3).build(), opened.config());
      assertEquals(List.of(1L, 2L, 3L), opened.ids().sorted().boxed().toList());
    }
  }

  private static int[] sortedCopy(int[] a) {
    int[] copy = a.clone();
    Arrays.sort(copy);
    return copy;
  }
}
