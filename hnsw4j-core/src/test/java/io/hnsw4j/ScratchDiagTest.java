package io.hnsw4j;

import io.hnsw4j.testutil.TestData;
import org.junit.jupiter.api.Test;

class ScratchDiagTest {
  @Test
  void diag() {
    int n = 20000, dim = Integer.getInteger("dim", 16);
    var split = TestData.clusteredSplit(n, 200, dim, 50, 1);
    float[][] data = split.base();
    float[][] queries = split.queries();
    ExactIndex exact = ExactIndex.create(dim, Metric.L2);
    exact.addAll(TestData.sequentialIds(n), data);
    var truth = TestData.exact(exact, queries, 10);
    for (int threads : new int[] {1, 2}) {
      HnswIndex index = HnswIndex.create(IndexConfig.builder(dim).m(16).efConstruction(100).build());
      index.addAll(TestData.sequentialIds(n), data, threads);
      for (int ef : new int[] {10, 50, 100, 400, 2000}) {
        var approx = index.searchBatch(queries, 10, ef, 1);
        System.out.printf("threads %d ef %d recall %.4f%n", threads, ef, TestData.recall(truth, approx, 10));
      }
    }
    // Uniform data too
    float[][] u = TestData.uniform(n, dim, 3);
    float[][] uq = TestData.uniform(200, dim, 4);
    ExactIndex ue = ExactIndex.create(dim, Metric.L2);
    ue.addAll(TestData.sequentialIds(n), u);
    var ut = TestData.exact(ue, uq, 10);
    HnswIndex ui = HnswIndex.create(IndexConfig.builder(dim).m(16).efConstruction(100).build());
    ui.addAll(TestData.sequentialIds(n), u, 1);
    for (int ef : new int[] {10, 50, 100, 400}) {
      System.out.printf("uniform ef %d recall %.4f%n", ef, TestData.recall(ut, ui.searchBatch(uq, 10, ef, 1), 10));
    }
  }
}
