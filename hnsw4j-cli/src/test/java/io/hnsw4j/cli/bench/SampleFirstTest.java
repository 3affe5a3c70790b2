package io.hnsw4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.Metric;
import io.hnsw4j.Quantization;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The batch an index learns its centroid or rotation from is a seeded sample of the whole set, not
 * the head of a sorted file.
 */
class SampleFirstTest {

  @Test
  void aSeededSampleGoesFirstAndTheOtherRowsKeepTheirOrder() {
    int[] order = Hnsw4jLibrary.sampleFirst(null, 1_000, 100, 7);
    assertIsPermutation(order);
    int[] front = Arrays.copyOf(order, 100);
    assertTrue(isAscending(front), "the sample in the rows' order");
    assertTrue(front[99] > 500, "drawn from the whole set, not its head: " + front[99]);
    assertTrue(isAscending(Arrays.copyOfRange(order, 100, 1_000)), "the others in their order");
    assertArrayEquals(order, Hnsw4jLibrary.sampleFirst(null, 1_000, 100, 7), "the same for a seed");
    assertNotEquals(Arrays.toString(front), Arrays.toString(Arrays.copyOf(Hnsw4jLibrary.sampleFirst(null, 1_000, 100, 8), 100)));
  }

  @Test
  void aGivenOrderIsSampledThroughAndAShortSetKeepsItsOrder() {
    int[] reversed = new int[50];
    for (int i = 0; i < 50; i++) {
      reversed[i] = 49 - i;
    }
    int[] order = Hnsw4jLibrary.sampleFirst(reversed, 50, 10, 3);
    assertIsPermutation(order);
    for (int i = 10; i < 49; i++) {
      assertTrue(order[i] > order[i + 1], "the rest keeps the given (reversed) order");
    }
    assertArrayEquals(reversed, Hnsw4jLibrary.sampleFirst(reversed, 50, 50, 3));
    assertArrayEquals(new int[] {0, 1, 2}, Hnsw4jLibrary.sampleFirst(null, 3, 10, 3));
  }

  @Test
  void anIndexThatLearnsFromItsFirstBatchGetsEveryRowUnderItsRowNumber() {
    int n = io.hnsw4j.Funnel.PCA_SAMPLE + 1_500;
    float[][] rows = new float[n][];
    Random random = new Random(11);
    for (int i = 0; i < n; i++) {
      rows[i] = new float[8];
      for (int d = 0; d < 8; d++) {
        rows[i][d] = (i < n / 2 ? 5f : -5f) + (float) random.nextGaussian(); // a sorted file
      }
    }
    IndexConfig config = IndexConfig.builder(8).metric(Metric.L2).m(8).efConstruction(20)
        .quantization(Quantization.INT4).seed(5).build();
    try (HnswIndex index = HnswIndex.create(config)) {
      Hnsw4jLibrary.addWithProgress(index, rows, null, 2, null, "build");
      assertEquals(n, index.size());
      for (int row : new int[] {0, 17, n / 2 - 1, n / 2, n - 1}) {
        assertEquals(row, index.search(rows[row], 1, 64).getFirst().id(), "row " + row);
      }
    }
  }

  private static void assertIsPermutation(int[] order) {
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i]);
    }
  }

  private static boolean isAscending(int[] values) {
    for (int i = 1; i < values.length; i++) {
      if (values[i] <= values[i - 1]) {
        return false;
      }
    }
    return true;
  }
}
