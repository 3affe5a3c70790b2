package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.graph.GraphView;
import io.hnsw4j.testutil.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A heap open rebuilds the spanning trees (their parents are not in the file). It must find them
 * along the links the file holds, not add links: an index answers after an open as it did when it
 * was saved. Inner product with norms that vary a hundredfold makes hubs, nodes linked from far
 * more lists than a quarter of their own (the trees' soft cap), which is where a tree walk that
 * keeps to the cap used to leave nodes behind and relink them.
 */
class HeapOpenLinksTest {
  private static final int N = 3_000;
  private static final int DIM = 16;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} M = {1}")
  @CsvSource({"ip, 4, 61", "ip, 8, 62", "l2, 4, 63", "cosine, 6, 64"})
  void aHeapOpenKeepsEveryLinkAndEveryAnswer(String metric, int m, long seed) throws IOException {
    float[][] rows = hubby(N, DIM, seed);
    IndexConfig config = IndexConfig.builder(DIM).metric(Metric.byName(metric)).m(m).efConstruction(40)
        .seed(seed).build();
    Path file = dir.resolve(metric + "-" + m + ".hnsw");
    float[][] queries = hubby(40, DIM, seed + 1);
    try (HnswIndex built = HnswIndex.create(config)) {
      built.addAll(TestData.sequentialIds(N), rows, 1);
      built.save(file);
      try (HnswIndex opened = HnswIndex.open(file)) {
        assertSameLinks(built.graph(), opened.graph());
        assertTrue(opened.checkIntegrity().ok(), opened.checkIntegrity().toString());
        for (float[] q : queries) {
          assertEquals(built.search(q, 10, 20), opened.search(q, 10, 20));
          SearchCost before = searchCost(built, q);
          assertEquals(before, searchCost(opened, q), "the same walk after the open");
        }
      }
    }
  }

  private static SearchCost searchCost(HnswIndex index, float[] query) {
    index.search(query, 10, 20);
    return index.lastSearchCost();
  }

  private static void assertSameLinks(GraphView before, GraphView after) {
    assertEquals(before.nodeCount(), after.nodeCount());
    int[] a = new int[before.maxDegree(0)];
    int[] b = new int[before.maxDegree(0)];
    for (int node = 0; node < before.nodeCount(); node++) {
      assertEquals(before.level(node), after.level(node), "level of node " + node);
      for (int level = 0; level <= before.level(node); level++) {
        int count = before.neighbors(node, level, a);
        assertArrayEquals(Arrays.copyOf(a, count), Arrays.copyOf(b, after.neighbors(node, level, b)),
            "links of node " + node + " on level " + level);
      }
    }
  }

  /** Uniform directions, norms from 0.1 to 10: the long vectors become inner-product hubs. */
  private static float[][] hubby(int n, int dim, long seed) {
    float[][] rows = TestData.uniform(n, dim, seed);
    Random random = new Random(seed);
    for (float[] row : rows) {
      float scale = (float) Math.pow(10, 2 * random.nextDouble() - 1);
      for (int i = 0; i < dim; i++) {
        row[i] *= scale;
      }
    }
    return rows;
  }
}
