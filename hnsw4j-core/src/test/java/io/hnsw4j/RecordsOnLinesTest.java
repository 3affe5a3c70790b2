package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.MixedIndex;
import io.hnsw4j.testutil.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An index whose traversal records sit in slots on cache lines (RecordChunks; a region of 4 KiB
 * here, set by the system property, so a few hundred nodes fill the chunks) answers exactly as one
 * with packed records, through adds, removals, a compaction and slot reuse, and after a save and
 * both ways of opening.
 */
class RecordsOnLinesTest {
  private static final String REGION = "hnsw4j.recordRegionBytes";
  private static final int N = 600;
  private static final long SEED = 91;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} dim {1} {2}")
  @CsvSource({
    "INT4, 100, cosine", "INT4, 13, l2", "INT4, 104, ip",
    "BINARY, 13, cosine", "BINARY, 100, l2",
    "INT8, 13, l2", "INT8, 50, ip", "INT8, 100, cosine", "BINARY, 768, ip"
  })
  void recordsOnLinesAnswerAsPackedOnes(Quantization mode, int dim, String metric) throws IOException {
    IndexConfig config = MixedIndex.config(dim, SEED).metric(Metric.byName(metric)).quantization(mode).build();
    float[][] queries = TestData.uniform(30, dim, SEED + 5);
    try (HnswIndex packed = withRegion("0", () -> MixedIndex.build(N, SEED, config));
        HnswIndex lined = withRegion("4096", () -> MixedIndex.build(N, SEED, config))) {
      long packedBytes = packed.traversal().memoryBytes();
      long linedBytes = lined.traversal().memoryBytes();
      assertTrue(linedBytes > packedBytes, "lined " + linedBytes + " vs packed " + packedBytes + " bytes");
      List<List<SearchResult>> expected = answers(packed, queries);
      assertEquals(expected, answers(lined, queries));
      Path file = dir.resolve(mode + "-" + dim + ".hnsw");
      lined.save(file);
      for (OpenOptions options : List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED)) {
        try (HnswIndex read = withRegion("4096", () -> open(file, options))) {
          assertEquals(expected, answers(read, queries), options.toString());
          assertTrue(read.checkIntegrity().ok(), options + ": " + read.checkIntegrity());
        }
      }
    }
  }

  private static List<List<SearchResult>> answers(HnswIndex index, float[][] queries) {
    List<List<SearchResult>> all = new ArrayList<>();
    for (float[] q : queries) {
      all.add(index.search(q, 10, 40));
    }
    return all;
  }

  private static HnswIndex open(Path file, OpenOptions options) {
    try {
      return HnswIndex.open(file, options);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static <T> T withRegion(String region, Supplier<T> make) {
    String before = System.getProperty(REGION);
    try {
      System.setProperty(REGION, region);
      return make.get();
    } finally {
      if (before == null) {
        System.clearProperty(REGION);
      } else {
        System.setProperty(REGION, before);
      }
    }
  }
}
