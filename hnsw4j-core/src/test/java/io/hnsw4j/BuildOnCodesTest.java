package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inserts that search the graph on the codes ({@link IndexConfig#buildOnCodes()}) build a graph
 * that holds the recall of one whose inserts search the floats, searched the same way.
 */
class BuildOnCodesTest {
  private static final int N = 4000;
  private static final int QUERIES = 200;

  @Test
  void theDefaultFollowsTheQuantization() {
    IndexConfig.Builder builder = IndexConfig.builder(8);
    assertFalse(builder.build().buildOnCodes());
    assertFalse(builder.quantization(Quantization.INT8).build().buildOnCodes());
    assertTrue(builder.quantization(Quantization.INT4).build().buildOnCodes());
    assertFalse(builder.quantization(Quantization.BINARY).build().buildOnCodes());
    assertTrue(builder.quantization(Quantization.INT8).buildOnCodes(true).build().buildOnCodes());
    assertTrue(builder.quantization(Quantization.BINARY).build().buildOnCodes());
    assertFalse(builder.quantization(Quantization.INT4).buildOnCodes(false).build().buildOnCodes());
    assertTrue(builder.buildOnCodes(null).build().buildOnCodes(), "null: the quantization's default");
  }

  @Test
  void toBuilderCarriesAChoiceOtherThanTheDefaultAndADefaultFollowsTheNewQuantization() {
    IndexConfig int4 = IndexConfig.builder(8).quantization(Quantization.INT4).build();
    assertFalse(int4.toBuilder().quantization(Quantization.NONE).build().buildOnCodes());
    assertFalse(int4.toBuilder().quantization(Quantization.BINARY).build().buildOnCodes());
    IndexConfig off = int4.toBuilder().buildOnCodes(false).build();
    assertEquals(off, off.toBuilder().build());
    assertFalse(off.toBuilder().quantization(Quantization.INT8).build().buildOnCodes());
    assertTrue(off.toBuilder().buildOnCodes(null).build().buildOnCodes(), "null: INT4's default");
    IndexConfig on = IndexConfig.builder(8).quantization(Quantization.INT8).buildOnCodes(true).build();
    assertEquals(on, on.toBuilder().build());
    assertTrue(on.toBuilder().quantization(Quantization.BINARY).build().buildOnCodes());
  }

  @Test
  void buildOnCodesNeedsAQuantization() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IndexConfig.builder(8).buildOnCodes(true).build());
    assertTrue(e.getMessage().contains("buildOnCodes needs a quantization"), e.getMessage());
  }

  @Test
  void anOpenedIndexReportsItsQuantizationsDefault(@TempDir Path dir) throws IOException {
    float[][] data = TestData.uniform(300, 16, 7);
    IndexConfig config = IndexConfig.builder(16).quantization(Quantization.INT4).buildOnCodes(false).build();
    Path file = dir.resolve("i.hnsw");
    try (HnswIndex index = HnswIndex.create(config)) {
      index.addAll(TestData.sequentialIds(data.length), data, 1);
      index.save(file);
    }
    try (HnswIndex opened = HnswIndex.open(file)) {
      assertTrue(opened.config().buildOnCodes());
    }
  }

  /**
   * Recall@10 at ef 20 and 80 of the index built on codes, searched on its codes, against the same
   * index built on the floats: within {@code margin}; and the two graphs are not the same.
   * Clustered data is the 4-bit codes' weak case (QuantizationTest), and the build's candidates
   * still come out right after the floats score them again. Int8 and 1-bit codes are not built on
   * by default; forced on here, they are checked too (1-bit with a wider margin, at four times the
   * ef, as QuantizationTest searches them).
   */
  @ParameterizedTest(name = "{0} {1} dim {2}")
  @CsvSource({
    "INT8, latent, 64, l2, 0.01",
    "INT8, clustered, 48, cosine, 0.01",
    "INT4, latent, 100, cosine, 0.01",
    "INT4, latent, 33, ip, 0.01",
    "INT4, clustered, 48, l2, 0.02",
    "BINARY, latent, 128, cosine, 0.05"
  })
  void aBuildOnCodesHoldsTheRecallOfAFloatBuild(
      Quantization mode, String shape, int dim, String metricName, double margin, @TempDir Path dir) throws IOException {
    long seed = 31 + dim;
    float[][] all =
        shape.equals("latent") ? TestData.latent(N + QUERIES, dim, 24, seed) : TestData.clustered(N + QUERIES, dim, 20, seed);
    float[][] base = Arrays.copyOf(all, N);
    float[][] queries = Arrays.copyOfRange(all, N, N + QUERIES);
    Metric metric = Metric.byName(metricName);
    IndexConfig config = IndexConfig.builder(dim).metric(metric).m(12).efConstruction(60).seed(seed).quantization(mode).build();
    long[] ids = TestData.sequentialIds(N);
    try (HnswIndex onFloats = HnswIndex.create(config.toBuilder().buildOnCodes(false).build());
        HnswIndex onCodes = HnswIndex.create(config.toBuilder().buildOnCodes(true).build());
        ExactIndex exact = ExactIndex.create(dim, metric)) {
      onFloats.addAll(ids, base, 1);
      onCodes.addAll(ids, base, 1);
      exact.addAll(ids, base);
      assertTrue(onCodes.checkIntegrity().ok());
      // One thread and one seed give one graph: only the walk can make the two builds differ.
      onFloats.save(dir.resolve("floats.hnsw"));
      onCodes.save(dir.resolve("codes.hnsw"));
      byte[] floatFile = Files.readAllBytes(dir.resolve("floats.hnsw"));
      byte[] codesFile = Files.readAllBytes(dir.resolve("codes.hnsw"));
      assertFalse(Arrays.equals(floatFile, codesFile), "the build on codes gave the float build's graph");
      List<List<SearchResult>> truth = TestData.exact(exact, queries, 10);
      for (int ef : new int[] {20, 80}) {
        int beam = mode == Quantization.BINARY ? 4 * ef : ef;
        double floats = TestData.recall(truth, onFloats.searchBatch(queries, 10, beam, 2), 10);
        double codes = TestData.recall(truth, onCodes.searchBatch(queries, 10, beam, 2), 10);
        System.out.printf(Locale.ROOT, "BuildOnCodesTest %s %s dim %d %s ef %d: built on floats %.4f, on codes %.4f%n",
            mode, shape, dim, metric.name(), beam, floats, codes);
        assertTrue(codes >= floats - margin, mode + " " + shape + " ef " + beam + ": " + codes + " against " + floats);
      }
    }
  }
}
