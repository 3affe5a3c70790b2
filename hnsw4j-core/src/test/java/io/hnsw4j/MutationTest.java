package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Removes, slot reuse, repair, updates under churn, and filtered search. */
class MutationTest {
  private static final int DIM = 32;
  private static final int N = 20_000;

  /** The live contents, kept beside the index as the reference. */
  private static final class Model {
    final Map<Long, float[]> live = new HashMap<>();

    ExactIndex exact() {
      ExactIndex exact = ExactIndex.create(DIM, Metric.L2);
      long[] ids = live.keySet().stream().mapToLong(Long::longValue).toArray();
      float[][] vectors = new float[ids.length][];
      for (int i = 0; i < ids.length; i++) {
        vectors[i] = live.get(ids[i]);
      }
      exact.addAll(ids, vectors);
      return exact;
    }
  }

  private static void assertRecallAndNoRemovedIds(HnswIndex index, Model model, float[][] queries, long seed) {
    try (ExactIndex exact = model.exact()) {
      List<List<SearchResult>> found = index.searchBatch(queries, 10, 100, 2);
      for (List<SearchResult> hits : found) {
        for (SearchResult hit : hits) {
          assertTrue(model.live.containsKey(hit.id()), "seed " + seed + ": removed id " + hit.id() + " returned");
        }
      }
      double recall = TestData.recall(TestData.exact(exact, queries, 10), found, 10);
      assertTrue(recall >= 0.95, "seed " + seed + ": recall@10 " + recall);
    }
    assertEquals(model.live.size(), index.size());
  }

  @Test
  void churnKeepsRecallMemoryAndInvariants() {
    long seed = 41;
    Random random = new Random(seed);
    TestData.Split data = TestData.clusteredSplit(N, 200, DIM, 40, seed);
    float[][] fresh = TestData.clustered(N, DIM, 40, seed + 1);
    Model model = new Model();
    HnswIndex index = HnswIndex.create(IndexConfig.builder(DIM).m(12).efConstruction(100).build());
    index.addAll(TestData.sequentialIds(N), data.base(), 2);
    for (int i = 0; i < N; i++) {
      model.live.put((long) i, data.base()[i]);
    }
    long memoryBefore = index.statistics().memoryBytes();
    int nodesBefore = index.statistics().nodes();

    List<Long> ids = new ArrayList<>(model.live.keySet());
    java.util.Collections.shuffle(ids, random);
    for (long id : ids.subList(0, N * 3 / 10)) {
      assertTrue(index.remove(id));
      model.live.remove(id);
      assertFalse(index.contains(id));
    }
    for (int i = 0; i < N * 3 / 10; i++) {
      long id = N + i;
      index.add(id, fresh[i]);
      model.live.put(id, fresh[i]);
    }
    List<Long> survivors = new ArrayList<>(model.live.keySet());
    for (int i = 0; i < N / 10; i++) {
      long id = survivors.get(random.nextInt(survivors.size()));
      float[] moved = fresh[N / 2 + i];
      index.add(id, moved);
      model.live.put(id, moved);
    }
    assertRecallAndNoRemovedIds(index, model, data.queries(), seed);
    IndexStatistics after = index.statistics();
    // Removed nodes are freed by the automatic compaction once they pass maxDeletedFraction (10%)
    // of the nodes, and their slots reused: at most live / (1 - 0.1) nodes.
    assertTrue(after.nodes() <= model.live.size() / 0.9 + 2, "nodes " + nodesBefore + " -> " + after.nodes());
    assertTrue(after.memoryBytes() <= memoryBefore * 1.12, memoryBefore + " -> " + after.memoryBytes());
    index.compact();
    IntegrityReport report = index.checkIntegrity();
    assertTrue(report.ok(), "seed " + seed + ": " + report);
    assertRecallAndNoRemovedIds(index, model, data.queries(), seed);
    index.close();
  }

  @Test
  void removeSemantics() {
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(2).maxDeletedFraction(1).build())) {
      index.add(1, new float[] {0, 0});
      index.add(2, new float[] {1, 1});
      index.add(3, new float[] {5, 5});
      assertFalse(index.remove(99), "unknown ids are reported by false");
      assertTrue(index.remove(1));
      assertFalse(index.remove(1), "a second remove finds nothing");
      assertEquals(2, index.size());
      assertEquals(2, index.search(new float[] {0, 0}, 1).get(0).id());
      assertThrows(IllegalArgumentException.class, () -> index.vector(1));
      assertEquals(1, index.statistics().removed());
      // A compaction frees the slot and the next add takes it; the old id can come back.
      index.compact();
      assertEquals(0, index.statistics().removed());
      index.add(4, new float[] {0.1f, 0.1f});
      assertEquals(3, index.statistics().nodes());
      index.add(1, new float[] {9, 9});
      assertEquals(1, index.search(new float[] {9, 9}, 1).get(0).id());
      assertEquals(Set.of(1L, 2L, 3L, 4L), index.ids().boxed().collect(Collectors.toSet()));
    }
  }

  @Test
  void compactMovesTheEntryPointAndFreesSlots() {
    TestData.Split data = TestData.clusteredSplit(3000, 50, DIM, 10, 43);
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(DIM).m(8).efConstruction(60).maxDeletedFraction(1).build())) {
      index.addAll(TestData.sequentialIds(3000), data.base(), 2);
      Model model = new Model();
      int entry = index.graph().entryPoint();
      for (int i = 0; i < 3000; i++) {
        if (i % 3 == 0 || i == entry) {
          index.remove(i);
        } else {
          model.live.put((long) i, data.base()[i]);
        }
      }
      index.compact();
      IndexStatistics stats = index.statistics();
      assertEquals(0, stats.removed());
      assertEquals(3000 - model.live.size(), stats.freeSlots());
      assertFalse(index.graph().isDeleted(index.graph().entryPoint()));
      IntegrityReport report = index.checkIntegrity();
      assertTrue(report.ok(), report.toString());
      assertRecallAndNoRemovedIds(index, model, data.queries(), 43);
    }
  }

  @Test
  void removingEverythingEmptiesTheIndex() {
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(2).build())) {
      for (int i = 0; i < 50; i++) {
        index.add(i, new float[] {i, -i});
      }
      for (int i = 0; i < 50; i++) {
        index.remove(i);
      }
      index.compact();
      assertEquals(0, index.size());
      assertEquals(List.of(), index.search(new float[] {1, 1}, 3));
      index.add(7, new float[] {1, 1});
      assertEquals(7, index.search(new float[] {1, 1}, 3).get(0).id());
    }
  }

  @Test
  void saveAndOpenAfterChurnGiveIdenticalResults(@TempDir Path dir) throws IOException {
    TestData.Split data = TestData.clusteredSplit(5000, 50, DIM, 20, 44);
    Path file = dir.resolve("churned.hnsw");
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(DIM).m(8).efConstruction(60).maxDeletedFraction(0.2).build())) {
      index.addAll(TestData.sequentialIds(5000), data.base(), 2);
      for (int i = 0; i < 5000; i += 4) {
        index.remove(i); // some compacted into free slots, some left as tombstones
      }
      for (int i = 0; i < 300; i++) {
        index.add(10_000 + i, data.queries()[i % 50]);
      }
      index.save(file);
      IndexStatistics stats = index.statistics();
      for (OpenOptions options : List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED)) {
        try (HnswIndex reopened = HnswIndex.open(file, options)) {
          IndexStatistics again = reopened.statistics();
          assertEquals(stats.size(), again.size());
          assertEquals(stats.removed(), again.removed());
          assertEquals(stats.freeSlots(), again.freeSlots());
          for (float[] q : data.queries()) {
            assertEquals(ids(index.search(q, 10, 64)), ids(reopened.search(q, 10, 64)));
          }
        }
      }
      // A heap-opened copy keeps reusing the slots.
      try (HnswIndex reopened = HnswIndex.open(file)) {
        int nodes = reopened.statistics().nodes();
        for (int i = 0; i < 100; i++) {
          reopened.add(20_000 + i, data.base()[i]);
        }
        assertEquals(nodes, reopened.statistics().nodes());
      }
    }
  }

  private static List<Long> ids(List<SearchResult> hits) {
    return hits.stream().map(SearchResult::id).toList();
  }

  @Test
  void bitsetFiltersWorkLikePredicates() {
    TestData.Split data = TestData.clusteredSplit(3000, 20, DIM, 10, 46);
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(DIM).m(8).efConstruction(60).build());
        ExactIndex exact = ExactIndex.create(DIM, Metric.L2)) {
      index.addAll(TestData.sequentialIds(3000), data.base(), 2);
      exact.addAll(TestData.sequentialIds(3000), data.base());
      java.util.BitSet accepted = new java.util.BitSet();
      for (int i = 0; i < 3000; i += 7) {
        accepted.set(i);
      }
      for (float[] q : data.queries()) {
        List<SearchResult> hits = index.searchAmong(q, 5, 50, accepted);
        assertEquals(exact.searchAmong(q, 5, 1, accepted), hits);
      }
      assertEquals(List.of(), index.searchAmong(data.queries()[0], 5, 50, new java.util.BitSet()));
      assertThrows(IllegalArgumentException.class, () -> index.searchAmong(data.queries()[0], 5, 50, null));
    }
  }

  @ParameterizedTest(name = "selectivity {0}")
  @ValueSource(doubles = {0.001, 0.01, 0.1, 0.5, 0.9})
  void filteredSearchKeepsRecallAtEverySelectivity(double selectivity) {
    long seed = 45;
    TestData.Split data = TestData.clusteredSplit(N, 100, DIM, 40, seed);
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(DIM).m(12).efConstruction(100).build());
        ExactIndex exact = ExactIndex.create(DIM, Metric.L2)) {
      index.addAll(TestData.sequentialIds(N), data.base(), 2);
      exact.addAll(TestData.sequentialIds(N), data.base());
      // A filter uncorrelated with the vectors: a hash of the id below the selectivity.
      java.util.function.LongPredicate filter =
          id -> Math.floorMod(id * 0x9E3779B97F4A7C15L >>> 11, 1_000_000L) < selectivity * 1_000_000;
      long passing = java.util.stream.LongStream.range(0, N).filter(filter).count();
      List<List<SearchResult>> truth = new ArrayList<>();
      List<List<SearchResult>> found = new ArrayList<>();
      for (float[] q : data.queries()) {
        truth.add(exact.search(q, 10, 1, filter));
        List<SearchResult> hits = index.search(q, 10, 100, filter);
        assertEquals(Math.min(10, passing), hits.size(), "k results whenever k pass");
        assertTrue(hits.stream().allMatch(h -> filter.test(h.id())));
        found.add(hits);
      }
      double recall = TestData.recall(truth, found, 10);
      assertTrue(recall >= 0.95, "seed " + seed + ", selectivity " + selectivity + ": recall " + recall);
    }
  }
}
