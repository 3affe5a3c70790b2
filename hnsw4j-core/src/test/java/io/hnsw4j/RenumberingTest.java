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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link NodeOrder#GORDER}: a file whose nodes are renumbered serves the same index (the same ids,
 * vectors and answers, distances included), heap and mapped, with every node, link, free slot and
 * traversal record moved along.
 */
class RenumberingTest {
  private static final int N = 1500;
  private static final int DIM = 10;
  private static final long SEED = 41;
  private static final List<OpenOptions> OPENS = List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = Quantization.class, names = {"NONE", "INT8"})
  void aRenumberedFileServesTheSameIndex(Quantization quantization) throws IOException {
    IndexConfig config = MixedIndex.config(DIM, SEED).m(6).metric(Metric.COSINE).quantization(quantization).build();
    Path asBuilt = dir.resolve("as-built.hnsw");
    Path renumberedFile = dir.resolve("renumbered.hnsw");
    float[][] queries = TestData.uniform(40, DIM, SEED + 5);
    try (HnswIndex original = MixedIndex.build(N, SEED, config)) {
      original.save(asBuilt, NodeOrder.AS_BUILT);
      original.save(renumberedFile, NodeOrder.GORDER);
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
          assertLinksCloser(plain.graph(), renumbered.graph());
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
  @Test
  void freeSlotsComeLastAndAreReused() throws IOException {
    Path file = dir.resolve("free.hnsw");
    int free;
    int nodes;
    try (HnswIndex original = MixedIndex.build(N, SEED, MixedIndex.config(DIM, SEED).build())) {
      free = original.statistics().freeSlots();
      nodes = original.graph().nodeCount();
      original.save(file, NodeOrder.GORDER);
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
      empty.save(file, NodeOrder.GORDER);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> empty.save(file, null));
      assertEquals("order must not be null", e.getMessage());
    }
    try (HnswIndex reopened = HnswIndex.open(file)) {
      assertEquals(0, reopened.size());
    }
  }

  /**
   * What the order is for: on layer 0, links span fewer ordinals than in the file as built (the
   * median distance between a node's number and its neighbours', a quarter shorter at least; on
   * these 10-d uniform vectors, 255 against 424).
   */
  private static void assertLinksCloser(GraphView asBuilt, GraphView renumbered) {
    assertTrue(medianSpan(renumbered) * 4 < medianSpan(asBuilt) * 3,
        "median link span " + medianSpan(renumbered) + " against " + medianSpan(asBuilt) + " as built");
  }

  private static int medianSpan(GraphView graph) {
    int[] list = new int[graph.maxDegree(0)];
    List<Integer> spans = new java.util.ArrayList<>();
    for (int node = 0; node < graph.nodeCount(); node++) {
      int count = graph.neighbors(node, 0, list);
      for (int i = 0; i < count; i++) {
        spans.add(Math.abs(list[i] - node));
      }
    }
    java.util.Collections.sort(spans);
    return spans.get(spans.size() / 2);
  }
}
