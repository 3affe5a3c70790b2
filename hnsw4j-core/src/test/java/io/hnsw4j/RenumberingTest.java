package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.graph.GraphView;
import io.hnsw4j.testutil.IndexBytes;
import io.hnsw4j.testutil.MixedIndex;
import io.hnsw4j.testutil.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link NodeOrder#BREADTH_FIRST} and {@link NodeOrder#GORDER}: a file whose nodes are renumbered
 * serves the same index (the same ids, vectors and answers, distances included), heap and mapped,
 * with every node, link, free slot and traversal record moved along.
 */
class RenumberingTest {
  private static final int N = 1500;
  private static final int DIM = 10;
  private static final long SEED = 41;
  private static final List<OpenOptions> OPENS = List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED);

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"NONE, BREADTH_FIRST", "INT8, BREADTH_FIRST", "NONE, GORDER", "INT8, GORDER"})
  void aRenumberedFileServesTheSameIndex(Quantization quantization, NodeOrder order) throws IOException {
    IndexConfig config = MixedIndex.config(DIM, SEED).m(6).metric(Metric.COSINE).quantization(quantization).build();
    Path asBuilt = dir.resolve("as-built.hnsw");
    Path renumberedFile = dir.resolve("renumbered.hnsw");
    float[][] queries = TestData.uniform(40, DIM, SEED + 5);
    try (HnswIndex original = MixedIndex.build(N, SEED, config)) {
      original.save(asBuilt, NodeOrder.AS_BUILT);
      original.save(renumberedFile, order);
      assertNotEquals(original.graph().entryPoint(), 0, "the test needs an entry point to move");
      long[] ids = original.ids().sorted().toArray();
      for (OpenOptions options : OPENS) {
        try (HnswIndex plain = HnswIndex.open(asBuilt, options);
            HnswIndex renumbered = HnswIndex.open(renumberedFile, options)) {
          assertArrayEquals(ids, renumbered.ids().sorted().toArray());
          for (long id : ids) {
            assertArrayEquals(original.vector(id), renumbered.vector(id), "id " + id);
          }
          for (float[] q : queries) {
            for (int ef : new int[] {10, 40, 200}) {
              List<SearchResult> expected = plain.search(q, 10, ef);
              assertEquals(expected, renumbered.search(q, 10, ef), options + " ef " + ef);
              assertEquals(original.search(q, 10, ef), expected, options + " ef " + ef);
            }
          }
          assertTrue(renumbered.checkIntegrity().ok(), options + ": " + renumbered.checkIntegrity());
          IndexStatistics want = plain.statistics();
          IndexStatistics got = renumbered.statistics();
          assertEquals(List.of(want.size(), want.nodes(), want.removed(), want.freeSlots()),
              List.of(got.size(), got.nodes(), got.removed(), got.freeSlots()));
          assertEquals(want.levels(), got.levels());
          assertEquals(0, renumbered.graph().entryPoint());
          if (order == NodeOrder.BREADTH_FIRST) {
            assertBreadthFirst(renumbered.graph());
          }
        }
      }
    }
    if (quantization != Quantization.NONE) {
      // The records moved with their nodes: equal to what encoding the renumbered vectors gives.
      IndexBytes bytes = new IndexBytes(Files.readAllBytes(renumberedFile));
      Path encoded = dir.resolve("renumbered-encoded.hnsw");
      Files.write(encoded, bytes.putInt(bytes.sectionOffset(IndexBytes.SECTION_CODES), 99).resealFooter().bytes());
      for (OpenOptions options : OPENS) {
        try (HnswIndex read = HnswIndex.open(renumberedFile, options);
            HnswIndex again = HnswIndex.open(encoded, options)) {
          TraversalRecordsTest.assertSameRecords(again, read, options.toString());
        }
      }
    }
  }

  /** Free slots go last and are reused after an open, as in a file saved as built. */
  @ParameterizedTest
  @EnumSource(value = NodeOrder.class, names = {"BREADTH_FIRST", "GORDER"})
  void freeSlotsComeLastAndAreReused(NodeOrder order) throws IOException {
    Path file = dir.resolve("free.hnsw");
    int free;
    int nodes;
    try (HnswIndex original = MixedIndex.build(N, SEED, MixedIndex.config(DIM, SEED).build())) {
      free = original.statistics().freeSlots();
      nodes = original.graph().nodeCount();
      original.save(file, order);
    }
    assertTrue(free > 0);
    try (HnswIndex index = HnswIndex.open(file)) {
      GraphView graph = index.graph();
      for (int node = 0; node < nodes; node++) {
        assertEquals(node >= nodes - free, graph.isFree(node), "node " + node);
      }
      float[][] more = TestData.uniform(free, DIM, SEED + 9);
      for (int i = 0; i < free; i++) {
        index.add(100_000 + i, more[i]);
      }
      assertEquals(nodes, index.graph().nodeCount());
      assertEquals(0, index.statistics().freeSlots());
      assertTrue(index.checkIntegrity().ok());
    }
  }

  @Test
  void emptyIndexesAndNullOrdersAreHandled() throws IOException {
    Path file = dir.resolve("empty.hnsw");
    try (HnswIndex empty = HnswIndex.create(IndexConfig.builder(DIM).build())) {
      empty.save(file, NodeOrder.BREADTH_FIRST);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> empty.save(file, null));
      assertEquals("order must not be null", e.getMessage());
    }
    try (HnswIndex reopened = HnswIndex.open(file)) {
      assertEquals(0, reopened.size());
    }
  }

  /**
   * Node 0 is the entry point, and a breadth-first walk of layer 0 from it, neighbours in list
   * order, meets the nodes it reaches as 0, 1, 2, ...
   */
  private static void assertBreadthFirst(GraphView graph) {
    assertEquals(0, graph.entryPoint());
    boolean[] seen = new boolean[graph.nodeCount()];
    ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(0));
    seen[0] = true;
    int expected = 1;
    int[] list = new int[graph.maxDegree(0)];
    while (!queue.isEmpty()) {
      int count = graph.neighbors(queue.poll(), 0, list);
      for (int i = 0; i < count; i++) {
        if (!seen[list[i]]) {
          seen[list[i]] = true;
          assertEquals(expected++, list[i]);
          queue.add(list[i]);
        }
      }
    }
  }
}
