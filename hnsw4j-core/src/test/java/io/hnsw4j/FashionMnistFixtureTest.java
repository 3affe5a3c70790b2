package io.hnsw4j;

import io.hnsw4j.datasets.VectorFiles;
import io.hnsw4j.datasets.VectorReader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Fashion-MNIST fixture under src/test/resources/fashion-mnist reads and is self-consistent.
 */
class FashionMnistFixtureTest {
  private static final String DIR = "/fashion-mnist/fashion-mnist-5k_";

  private static float[][] base;
  private static float[][] queries;
  private static int[][] ids;
  private static float[][] dists;

  static Path resource(String name) throws URISyntaxException {
    URL url = FashionMnistFixtureTest.class.getResource(DIR + name);
    assertNotNull(url, "missing test resource " + DIR + name);
    return Path.of(url.toURI());
  }

  @BeforeAll
  static void load() throws Exception {
    base = VectorFiles.readAll(resource("base.bvecs"));
    queries = VectorFiles.readAll(resource("query.bvecs"));
    ids = VectorFiles.readIntsAll(resource("groundtruth.ivecs"));
    dists = VectorFiles.readAll(resource("groundtruth_dist.fvecs"));
  }

  @Test
  void shapes() throws Exception {
    assertEquals(5000, base.length);
    assertEquals(100, queries.length);
    assertEquals(100, ids.length);
    assertEquals(100, dists.length);
    assertEquals(784, base[0].length);
    assertEquals(784, queries[0].length);
    assertEquals(100, ids[0].length);
    assertEquals(100, dists[0].length);
    try (VectorReader r = VectorReader.open(resource("base.bvecs"))) {
      assertEquals(5000, r.count());
      assertEquals(784, r.dimension());
    }
  }

  @Test
  void groundTruthIsOrdered() {
    for (int q = 0; q < ids.length; q++) {
      assertEquals(100, Arrays.stream(ids[q]).distinct().count(), "query " + q);
      for (int j = 0; j < ids[q].length; j++) {
        assertTrue(ids[q][j] >= 0 && ids[q][j] < base.length);
        if (j > 0) {
          assertTrue(dists[q][j - 1] <= dists[q][j], "query " + q + " rank " + j);
          assertTrue(dists[q][j - 1] < dists[q][j] || ids[q][j - 1] < ids[q][j]);
        }
      }
    }
  }

  @Test
  void groundTruthMatchesBruteForce() {
    for (int q : new int[] {0, 1, 42, 77, 99}) {
      double[] d = new double[base.length];
      for (int i = 0; i < base.length; i++) {
        for (int j = 0; j < 784; j++) {
          double diff = (double) queries[q][j] - base[i][j];
          d[i] += diff * diff;
        }
      }
      int[] top =
          IntStream.range(0, base.length)
              .boxed()
              .sorted(Comparator.<Integer>comparingDouble(i -> d[i]).thenComparingInt(i -> i))
              .limit(100)
              .mapToInt(Integer::intValue)
              .toArray();
      assertArrayEquals(top, ids[q], "query " + q);
      for (int j = 0; j < 100; j++) {
        assertEquals((float) d[top[j]], dists[q][j], "query " + q + " rank " + j);
      }
    }
  }
}
