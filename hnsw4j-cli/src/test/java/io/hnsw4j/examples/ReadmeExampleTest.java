package io.hnsw4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.Metric;
import io.hnsw4j.SearchResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library example of the README, compiled and run: the lines between the markers are quoted
 * in README.md verbatim, and {@link ReadmeTest} fails when the two drift apart.
 */
class ReadmeExampleTest {
  @TempDir Path dir;

  @Test
  void buildAddSearchSaveOpen() throws Exception {
    Path file = dir.resolve("vectors.hnsw");
    // README-EXAMPLE-BEGIN
    IndexConfig config = IndexConfig.builder(3) // dimension
        .metric(Metric.COSINE)
        .m(16)
        .efConstruction(200)
        .build();
    try (HnswIndex index = HnswIndex.create(config)) {
      index.add(1, new float[] {1f, 0f, 0f});
      index.add(2, new float[] {0f, 1f, 0f});
      index.addAll(new long[] {3, 4}, new float[][] {{0.9f, 0.1f, 0f}, {0f, 0f, 1f}}, 2);

      List<SearchResult> hits = index.search(new float[] {1f, 0.05f, 0f}, 2);
      System.out.println(hits); // ids 1 then 3, nearest first, with their distances
      index.save(file);
    }
    try (HnswIndex index = HnswIndex.open(file)) {
      List<SearchResult> hits = index.search(new float[] {0f, 1f, 0.1f}, 1, 50); // k = 1, ef = 50
      System.out.println(hits.getFirst().id()); // 2
    }
    // README-EXAMPLE-END

    try (HnswIndex index = HnswIndex.open(file)) {
      List<SearchResult> hits = index.search(new float[] {1f, 0.05f, 0f}, 2);
      assertEquals(List.of(1L, 3L), hits.stream().map(SearchResult::id).toList());
      assertEquals(2L, index.search(new float[] {0f, 1f, 0.1f}, 1, 50).getFirst().id());
      assertEquals(4, index.size());
    }
  }
}
