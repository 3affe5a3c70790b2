package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.graph.GraphView;
import io.hnsw4j.testutil.IndexBytes;
import io.hnsw4j.testutil.MixedIndex;
import io.hnsw4j.testutil.TestData;
import io.hnsw4j.vector.TraversalSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The traversal records of a quantized index (here its int8 codes) round-trip through the index
 * file: a save writes them (format version 2, section 8), both ways of opening copy them instead
 * of encoding every vector again, and what they copy equals what encoding the stored vectors
 * gives. 1-bit and 4-bit codes, which need their centroid too: {@link CentredCodesFileTest}.
 */
class TraversalRecordsTest {
  private static final int N = 400;
  private static final int DIM = 12;
  private static final int K = 10;
  private static final long SEED = 31;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"l2", "cosine", "ip"})
  void storedRecordsEqualTheEncodedOnes(String metricName) throws IOException {
    IndexConfig config =
        MixedIndex.config(DIM, SEED).metric(Metric.byName(metricName)).quantization(Quantization.INT8).build();
    Path file = dir.resolve(metricName + ".hnsw");
    Path encoded = dir.resolve(metricName + "-unknown-format.hnsw");
    try (HnswIndex original = MixedIndex.build(N, SEED, config)) {
      original.save(file);
      byte[] bytes = Files.readAllBytes(file);
      IndexBytes layout = new IndexBytes(bytes);
      int nodes = original.graph().nodeCount();
      assertEquals(2, layout.getInt(8));
      assertEquals(8, layout.sectionCount());
      assertEquals(16L + (long) nodes * (12 + DIM), layout.sectionLength(IndexBytes.SECTION_CODES));
      // A record format this library does not know: the open encodes the vectors again.
      Files.write(encoded, layout.putInt(layout.sectionOffset(IndexBytes.SECTION_CODES), 99).resealFooter().bytes());
      float[][] queries = TestData.uniform(20, DIM, SEED + 1);
      int ef = nodes + 1; // exhaustive: equal codes give equal answers
      for (OpenOptions options : List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED)) {
        try (HnswIndex read = HnswIndex.open(file, options);
            HnswIndex reencoded = HnswIndex.open(encoded, options)) {
          assertSameRecords(original, read, options + " read");
          assertSameRecords(reencoded, read, options + " read against encoded at open");
          for (float[] q : queries) {
            assertEquals(original.search(q, K, ef), read.search(q, K, ef), options.toString());
            assertEquals(original.search(q, K, 20), read.search(q, K, 20), options.toString());
          }
          assertTrue(read.checkIntegrity().ok(), options + ": " + read.checkIntegrity());
        }
      }
    }
  }

  /** Free slots hold zeros in the file; one reused after an open is encoded anew. */
  @Test
  void slotsReusedAfterAnOpenAreEncoded() throws IOException {
    Path file = dir.resolve("reuse.hnsw");
    try (HnswIndex original = MixedIndex.build(N, SEED, MixedIndex.config(DIM, SEED).quantization(Quantization.INT8).build())) {
      original.save(file);
    }
    float[][] more = TestData.uniform(60, DIM, SEED + 2);
    try (HnswIndex index = HnswIndex.open(file)) {
      int nodes = index.graph().nodeCount();
      int free = index.statistics().freeSlots();
      assertTrue(free > 0 && free < more.length, "free slots " + free);
      for (int i = 0; i < more.length; i++) {
        index.add(10_000 + i, more[i]);
      }
      assertEquals(nodes + more.length - free, index.graph().nodeCount()); // every free slot reused
      for (int i = 0; i < more.length; i++) {
        long id = 10_000 + i;
        List<SearchResult> hit = index.search(more[i], 1, 50, x -> x == id);
        assertEquals(List.of(new SearchResult(id, 0f)), hit);
      }
    }
  }

  @Test
  void onlyQuantizedIndexesStoreRecords() throws IOException {
    assertSections(IndexConfig.builder(DIM).build(), 1, 6);
    assertSections(IndexConfig.builder(DIM).funnel(Funnel.of(4, 8)).build(), 2, 7);
    assertSections(IndexConfig.builder(DIM).quantization(Quantization.INT8).build(), 2, 8);
    assertSections(IndexConfig.builder(DIM).quantization(Quantization.BINARY).build(), 2, 8);
    assertSections(IndexConfig.builder(DIM).quantization(Quantization.INT4).build(), 2, 8);
  }

  @Test
  void anEmptyQuantizedIndexRoundTrips() throws IOException {
    Path file = dir.resolve("empty.hnsw");
    try (HnswIndex empty = HnswIndex.create(IndexConfig.builder(DIM).quantization(Quantization.INT8).build())) {
      empty.save(file);
    }
    assertEquals(16, new IndexBytes(Files.readAllBytes(file)).sectionLength(IndexBytes.SECTION_CODES));
    for (OpenOptions options : List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED)) {
      try (HnswIndex reopened = HnswIndex.open(file, options)) {
        assertEquals(List.of(), reopened.search(new float[DIM], 5));
      }
    }
  }

  private void assertSections(IndexConfig config, int version, int sections) throws IOException {
    Path file = dir.resolve("sections-" + sections + ".hnsw");
    try (HnswIndex index = HnswIndex.create(config)) {
      index.addAll(TestData.sequentialIds(50), TestData.uniform(50, DIM, SEED), 1);
      index.save(file);
    }
    IndexBytes bytes = new IndexBytes(Files.readAllBytes(file));
    assertEquals(version, bytes.getInt(8), config.toString());
    assertEquals(sections, bytes.sectionCount(), config.toString());
  }

  /** Every node's record but the free slots', byte for byte. */
  static void assertSameRecords(HnswIndex expected, HnswIndex actual, String label) {
    TraversalSpace want = expected.traversal();
    TraversalSpace got = actual.traversal();
    GraphView graph = actual.graph();
    assertEquals(expected.graph().nodeCount(), graph.nodeCount(), label);
    byte[] a = new byte[want.recordBytes()];
    byte[] b = new byte[got.recordBytes()];
    for (int node = 0; node < graph.nodeCount(); node++) {
      if (!graph.isFree(node)) {
        want.exportRecord(node, a, 0);
        got.exportRecord(node, b, 0);
        assertArrayEquals(a, b, label + ": node " + node);
      }
    }
  }
}
