package io.hnsw4j.testutil;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.IndexStatistics;

/**
 * A small index whose file holds every kind of node: live, removed (still linked), free slots
 * (removed and unlinked) and reused slots, over several levels. Ids are {@code 0..n-1}, then
 * {@code n..} for the adds after the compaction; vectors are uniform, so distances never tie.
 */
public final class MixedIndex {
  private MixedIndex() {}

  public static HnswIndex build(int n, int dimension, long seed) {
    return build(n, seed, config(dimension, seed).build());
  }

  /** The configuration {@link #build(int, int, long)} uses, to change (metric, quantization). */
  public static IndexConfig.Builder config(int dimension, long seed) {
    return IndexConfig.builder(dimension).m(4).efConstruction(32).seed(seed).maxDeletedFraction(0.5);
  }

  /** The mixed index under {@code config}. */
  public static HnswIndex build(int n, long seed, IndexConfig config) {
    HnswIndex index = HnswIndex.create(config);
    int dimension = config.dimension();
    index.addAll(TestData.sequentialIds(n), TestData.uniform(n, dimension, seed), 1);
    for (int id = 0; id < n; id += 5) {
      index.remove(id);
    }
    index.compact(); // those become free slots
    float[][] more = TestData.uniform(n / 10, dimension, seed + 1);
    for (int i = 0; i < more.length; i++) {
      index.add(n + i, more[i]); // reuses half of the free slots
    }
    for (int id = 1; id < n; id += 7) {
      index.remove(id); // left as removed nodes still in the graph
    }
    IndexStatistics stats = index.statistics();
    if (stats.removed() == 0 || stats.freeSlots() == 0 || stats.levelCount() < 3) {
      throw new IllegalStateException("not every node state is present: " + stats);
    }
    return index;
  }
}
