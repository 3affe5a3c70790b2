package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.datasets.VectorFiles;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Recall on real data: the 5,000-image Fashion-MNIST fixture with its stored exact ground truth. */
class FashionMnistRecallTest {
  private static Path resource(String name) throws URISyntaxException {
    return Path.of(FashionMnistRecallTest.class.getResource("/fashion-mnist/" + name).toURI());
  }

  @Test
  void recallAtEf100IsAtLeast095() throws Exception {
    float[][] base = VectorFiles.readAll(resource("fashion-mnist-5k_base.bvecs"));
    float[][] queries = VectorFiles.readAll(resource("fashion-mnist-5k_query.bvecs"));
    int[][] truth = VectorFiles.readIntsAll(resource("fashion-mnist-5k_groundtruth.ivecs"));
    assertEquals(5000, base.length);
    assertEquals(784, base[0].length);
    long[] ids = new long[base.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(784).m(16).efConstruction(100).build())) {
      index.addAll(ids, base, 2);
      List<List<SearchResult>> found = index.searchBatch(queries, 10, 100, 2);
      long hits = 0;
      for (int q = 0; q < queries.length; q++) {
        Set<Long> expected = new HashSet<>();
        for (int i = 0; i < 10; i++) {
          expected.add((long) truth[q][i]);
        }
        hits += found.get(q).stream().filter(r -> expected.contains(r.id())).count();
      }
      double recall = hits / (10.0 * queries.length);
      assertTrue(recall >= 0.95, "recall@10 on Fashion-MNIST 5k: " + recall);
      assertTrue(index.checkIntegrity().ok());
    }
  }
}
