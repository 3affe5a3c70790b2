package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.graph.GraphView;
import io.hnsw4j.testutil.TestData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Determinism, updates, options, statistics and filters of the graph index. */
class GraphBehaviourTest {
  private static final int DIM = 32;

  private static HnswIndex build(IndexConfig config, float[][] data, int threads) {
    HnswIndex index = HnswIndex.create(config);
    index.addAll(TestData.sequentialIds(data.length), data, threads);
    return index;
  }

  /** Every neighbour list of every node, as a comparable value. */
  private static List<List<Integer>> shape(GraphView graph) {
    List<List<Integer>> lists = new ArrayList<>();
    int[] buffer = new int[graph.maxDegree(0)];
    for (int node = 0; node < graph.nodeCount(); node++) {
      for (int level = 0; level <= graph.level(node); level++) {
        int n = graph.neighbors(node, level, buffer);
        lists.add(Arrays.stream(Arrays.copyOf(buffer, n)).boxed().toList());
      }
    }
    lists.add(List.of(graph.entryPoint(), graph.maxLevel()));
    return lists;
  }

  @Test
  void singleThreadedBuildIsDeterministic() {
    float[][] data = TestData.clustered(3000, DIM, 20, 21);
    IndexConfig config = IndexConfig.builder(DIM).m(8).efConstruction(50).seed(99).build();
    try (HnswIndex a = build(config, data, 1);
        HnswIndex b = build(config, data, 1);
        HnswIndex c = build(config.toBuilder().seed(100).build(), data, 1)) {
      assertEquals(shape(a.graph()), shape(b.graph()));
      assertNotEquals(shape(a.graph()), shape(c.graph()));
    }
  }

  @Test
  void addingAnExistingIdMovesItsVector() {
    TestData.Split data = TestData.clusteredSplit(4000, 20, DIM, 20, 22);
    try (HnswIndex index = build(IndexConfig.builder(DIM).m(12).efConstruction(80).build(), data.base(), 2)) {
      float[] target = data.queries()[0];
      float[] farAway = new float[DIM];
      Arrays.fill(farAway, 1000f);
      index.add(7, target);
      assertEquals(7, index.search(target, 1).get(0).id());
      index.add(7, farAway);
      assertEquals(4000, index.size());
      assertArrayEquals(farAway, index.vector(7));
      assertEquals(7, index.search(farAway, 1).get(0).id());
      assertTrue(index.search(target, 10).stream().noneMatch(r -> r.id() == 7));
      IntegrityReport report = index.checkIntegrity();
      assertTrue(report.ok(), report.toString());
    }
  }

  @Test
  void manyUpdatesKeepRecall() {
    TestData.Split data = TestData.clusteredSplit(5000, 100, DIM, 30, 23);
    float[][] moved = TestData.clustered(5000, DIM, 30, 24);
    try (HnswIndex index = build(IndexConfig.builder(DIM).m(12).efConstruction(80).build(), data.base(), 2);
        ExactIndex exact = ExactIndex.create(DIM, Metric.L2)) {
      float[][] current = data.base().clone();
      for (int i = 0; i < 5000; i += 3) {
        current[i] = moved[i];
        index.add(i, moved[i]);
      }
      exact.addAll(TestData.sequentialIds(5000), current);
      double recall = TestData.recall(TestData.exact(exact, data.queries(), 10), index.searchBatch(data.queries(), 10, 100, 2), 10);
      assertTrue(recall >= 0.95, "recall after updating a third: " + recall);
      // Single updates restore reachability in amortised passes; compact() does it at once.
      index.compact();
      IntegrityReport report = index.checkIntegrity();
      assertTrue(report.ok(), report.toString());
    }
  }

  @Test
  void selectionOptionsWorkAndChangeTheGraph() {
    TestData.Split data = TestData.clusteredSplit(4000, 100, DIM, 20, 25);
    IndexConfig plain = IndexConfig.builder(DIM).m(8).efConstruction(60).seed(5).build();
    try (ExactIndex exact = ExactIndex.create(DIM, Metric.L2);
        HnswIndex base = build(plain, data.base(), 1);
        HnswIndex extended = build(plain.toBuilder().extendCandidates(true).build(), data.base(), 1);
        HnswIndex kept = build(plain.toBuilder().keepPrunedConnections(true).build(), data.base(), 1)) {
      exact.addAll(TestData.sequentialIds(4000), data.base());
      var truth = TestData.exact(exact, data.queries(), 10);
      for (HnswIndex index : List.of(base, extended, kept)) {
        double recall = TestData.recall(truth, index.searchBatch(data.queries(), 10, 100, 1), 10);
        assertTrue(recall >= 0.95, index.config() + ": recall " + recall);
        assertTrue(index.checkIntegrity().ok());
      }
      assertNotEquals(shape(base.graph()), shape(extended.graph()));
      // keepPrunedConnections fills lists up to M: more links per node than the pure heuristic.
      double plainDegree = base.statistics().levels().get(0).meanDegree();
      double keptDegree = kept.statistics().levels().get(0).meanDegree();
      assertTrue(keptDegree > plainDegree + 1, plainDegree + " vs " + keptDegree);
    }
  }

  @Test
  void statisticsDescribeTheGraph() {
    float[][] data = TestData.clustered(5000, 100, 20, 26);
    try (HnswIndex index = build(IndexConfig.builder(100).m(16).efConstruction(40).initialCapacity(5000).build(), data, 2)) {
      IndexStatistics stats = index.statistics();
      assertEquals(5000, stats.size());
      assertEquals(5000, stats.levels().get(0).nodes());
      assertTrue(stats.levelCount() >= 2, "levels: " + stats.levelCount());
      for (int l = 1; l < stats.levelCount(); l++) {
        assertTrue(stats.levels().get(l).nodes() < stats.levels().get(l - 1).nodes());
        assertTrue(stats.levels().get(l).maxDegree() <= 16);
      }
      assertTrue(stats.levels().get(0).maxDegree() <= 32);
      assertTrue(stats.levels().get(0).minDegree() >= 1);
      long vectorBytes = 5000L * 100 * 4;
      long level0Bytes = 5000L * 33 * 4;
      long upper = 0;
      for (int l = 1; l < stats.levelCount(); l++) {
        upper += stats.levels().get(l).nodes() * 17L * 4;
      }
      long reference = vectorBytes + level0Bytes + upper;
      assertTrue(stats.memoryBytes() >= vectorBytes + level0Bytes, "memory " + stats.memoryBytes());
      // The upper-level arena grows in 256 KiB chunks, which at this small size is most of the slack.
      assertTrue(stats.memoryBytes() <= 1.15 * reference + (1 << 18), stats.memoryBytes() + " vs " + reference);
      index.search(data[0], 10, 50);
      assertTrue(index.lastSearchDistanceCount() > 10);
    }
  }

  @Test
  void filteredSearchReturnsOnlyPassingIds() {
    TestData.Split data = TestData.clusteredSplit(5000, 50, DIM, 20, 27);
    try (HnswIndex index = build(IndexConfig.builder(DIM).m(12).efConstruction(80).build(), data.base(), 2);
        ExactIndex exact = ExactIndex.create(DIM, Metric.L2)) {
      exact.addAll(TestData.sequentialIds(5000), data.base());
      List<List<SearchResult>> truth = new ArrayList<>();
      List<List<SearchResult>> found = new ArrayList<>();
      for (float[] q : data.queries()) {
        truth.add(exact.search(q, 10, 1, id -> id % 2 == 0));
        List<SearchResult> hits = index.search(q, 10, 100, id -> id % 2 == 0);
        assertEquals(10, hits.size());
        assertTrue(hits.stream().allMatch(r -> r.id() % 2 == 0));
        found.add(hits);
      }
      assertTrue(TestData.recall(truth, found, 10) >= 0.95);
    }
  }

  @Test
  void customMetricIsUsed() {
    Metric manhattan = Metric.custom("manhattan", (a, b) -> {
      float sum = 0;
      for (int i = 0; i < a.length; i++) {
        sum += Math.abs(a[i] - b[i]);
      }
      return sum;
    });
    TestData.Split data = TestData.clusteredSplit(2000, 50, 8, 10, 28);
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(8).metric(manhattan).m(8).efConstruction(50).build());
        ExactIndex exact = ExactIndex.create(8, manhattan)) {
      index.addAll(TestData.sequentialIds(2000), data.base(), 2);
      exact.addAll(TestData.sequentialIds(2000), data.base());
      var truth = TestData.exact(exact, data.queries(), 10);
      assertTrue(TestData.recall(truth, index.searchBatch(data.queries(), 10, 100, 1), 10) >= 0.95);
      float d = index.search(data.queries()[0], 1).get(0).distance();
      assertEquals(truth.get(0).get(0).distance(), d, 1e-4);
    }
  }

  @Test
  void cosineAndInnerProductDistances() {
    try (HnswIndex cos = HnswIndex.create(IndexConfig.builder(2).metric(Metric.COSINE).build());
        HnswIndex ip = HnswIndex.create(IndexConfig.builder(2).metric(Metric.INNER_PRODUCT).build())) {
      cos.add(1, new float[] {3, 4});
      assertArrayEquals(new float[] {0.6f, 0.8f}, cos.vector(1), 1e-6f);
      assertEquals(0f, cos.search(new float[] {6, 8}, 1).get(0).distance(), 1e-6);
      ip.add(1, new float[] {3, 4});
      ip.add(2, new float[] {1, 0});
      // Maximum inner product: 1 - dot; the longer vector wins for this query.
      SearchResult best = ip.search(new float[] {1, 1}, 1).get(0);
      assertEquals(1, best.id());
      assertEquals(1 - 7f, best.distance(), 1e-6);
    }
  }

  @Test
  void emptyAndTinyIndexes() {
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(3).initialCapacity(0).build())) {
      assertEquals(List.of(), index.search(new float[] {1, 2, 3}, 5));
      index.add(-5, new float[] {1, 2, 3});
      List<SearchResult> hits = index.search(new float[] {1, 2, 3}, 5);
      assertEquals(1, hits.size());
      assertEquals(-5, hits.get(0).id());
      assertTrue(index.remove(-5));
      assertEquals(List.of(), index.search(new float[] {1, 2, 3}, 5));
      assertEquals(0, index.size());
    }
  }
}
