package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.graph.ForwardingGraph;
import io.hnsw4j.graph.GraphView;
import io.hnsw4j.graph.VisitedSet;
import io.hnsw4j.testutil.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search's step reads a list once and visits as it goes ({@link GraphView#unvisitedNeighbors}).
 * On the heap graph, the mapped graph and a forwarding view (the interface's default), it must
 * write exactly what copying the list and then filtering it by first visits wrote, on every layer,
 * after what is already in the buffer, with part of the graph already visited.
 */
class UnvisitedNeighborsTest {
  private static final int N = 2_000;

  @TempDir Path dir;

  @Test
  void eachGraphWritesTheListsUnvisitedNodesInOrder() throws IOException {
    withHeapAndMappedGraphs(71, (heap, mapped) -> {
      int checked = 0;
      for (GraphView graph : new GraphView[] {heap, mapped, new ForwardingGraph(heap)}) {
        checked += assertSameAsCopyThenFilter(heap, graph, new Random(72));
      }
      assertEquals(3 * N, checked, "every node of each graph looked at on layer 0");
    });
  }

  /**
   * The search's read-ahead of a list ({@link GraphView#prefetchLinks}) reads the list itself: on
   * the heap and mapped graphs its first int, the count, on every layer of every node.
   */
  @Test
  void readingAheadReadsTheListsCount() throws IOException {
    withHeapAndMappedGraphs(73, (heap, mapped) -> {
      int[] list = new int[heap.maxDegree(0)];
      int lists = 0;
      for (int node = 0; node < N; node++) {
        for (int level = 0; level <= heap.level(node); level++) {
          int count = heap.neighbors(node, level, list);
          assertEquals(count, heap.prefetchLinks(node, level), "heap, node " + node + " level " + level);
          assertEquals(count, mapped.prefetchLinks(node, level), "mapped, node " + node + " level " + level);
          lists++;
        }
      }
      assertTrue(lists > N, "upper layers looked at too");
    });
  }

  /**
   * Builds a seeded index of N nodes, saves it and hands its heap graph and the mapped file's
   * graph to {@code check}.
   */
  private void withHeapAndMappedGraphs(long seed, BiConsumer<GraphView, GraphView> check) throws IOException {
    float[][] rows = TestData.clustered(N, 12, 8, seed);
    IndexConfig config = IndexConfig.builder(12).metric(Metric.L2).m(6).efConstruction(40).seed(seed).build();
    Path file = dir.resolve("graph-" + seed + ".hnsw");
    try (HnswIndex built = HnswIndex.create(config)) {
      built.addAll(TestData.sequentialIds(N), rows, 1);
      built.save(file);
      try (HnswIndex mapped = HnswIndex.open(file, OpenOptions.MEMORY_MAPPED)) {
        check.accept(built.graph(), mapped.graph());
      }
    }
  }

  /** Compares {@code graph}'s step with a copy of {@code reference}'s lists filtered by hand. */
  private static int assertSameAsCopyThenFilter(GraphView reference, GraphView graph, Random random) {
    VisitedSet visited = new VisitedSet(N);
    boolean[] seen = new boolean[N];
    int[] list = new int[reference.maxDegree(0)];
    int[] dest = new int[2 * reference.maxDegree(0) + 8];
    int layer0 = 0;
    for (int node = 0; node < N; node++) {
      if (node % 50 == 0) { // a new search now and then
        visited.clear();
        Arrays.fill(seen, false);
      }
      int premarked = random.nextInt(N);
      visited.visit(premarked);
      seen[premarked] = true;
      for (int level = 0; level <= reference.level(node); level++) {
        int count = reference.neighbors(node, level, list);
        int at = random.nextInt(8);
        int[] expected = new int[at + count];
        Arrays.fill(expected, -7);
        Arrays.fill(dest, -7);
        int end = at;
        for (int i = 0; i < count; i++) {
          if (!seen[list[i]]) {
            seen[list[i]] = true;
            expected[end++] = list[i];
          }
        }
        int got = graph.unvisitedNeighbors(node, level, visited, dest, at);
        assertEquals(end, got, "node " + node + " level " + level);
        assertArrayEquals(Arrays.copyOf(expected, end), Arrays.copyOf(dest, got), "node " + node + " level " + level);
        layer0 += level == 0 ? 1 : 0;
      }
    }
    return layer0;
  }
}
