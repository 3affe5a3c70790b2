package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.format.IndexFile;
import io.hnsw4j.testutil.IndexBytes;
import io.hnsw4j.testutil.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Bad funnels are refused when configured, and damaged funnel files when opened. */
class FunnelValidationTest {
  private static final int DIM = 16;
  private static final List<OpenOptions> OPENS = List.of(
      OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED, OpenOptions.MEMORY_MAPPED.withVerifyChecksum(true));

  @TempDir Path dir;

  @Test
  void badCascadesAreRefusedWithTheirReason() {
    assertMessage(() -> Funnel.of(), "at least one prefix length");
    assertMessage(() -> Funnel.of(0), "at least 1, got 0");
    assertMessage(() -> Funnel.of(8, 8), "strictly increasing, got [8, 8]");
    assertMessage(() -> Funnel.pca(16, 8), "strictly increasing, got [16, 8]");
    assertMessage(() -> Funnel.of(1, 2, 3, 4, 5, 6, 7, 8, 9), "at most 8 prefix lengths, got 9");
    assertMessage(() -> new Funnel(List.of(4), null), "rotation must not be null");
    assertMessage(() -> IndexConfig.builder(DIM).funnel(Funnel.of(4, 17)).build(),
        "funnel prefix length 17 exceeds the dimension 16");
    assertMessage(() -> IndexConfig.builder(DIM).funnel(Funnel.pca(4)).quantization(Quantization.INT8).build(),
        "a funnel and quantization INT8 cannot be combined");
    Metric manhattan = Metric.custom("manhattan", (a, b) -> 0f);
    assertMessage(() -> IndexConfig.builder(DIM).metric(manhattan).funnel(Funnel.of(4)).build(),
        "a funnel needs a built-in metric, not the custom metric manhattan");
    assertEquals(List.of(4, 16), IndexConfig.builder(DIM).funnel(Funnel.of(4, 16)).build().funnel().prefixes());
    assertEquals("pca:4,16", Funnel.pca(4, 16).toString());
  }

  @Test
  void aPcaFunnelLearnsFromTheFirstBatchOnly() throws IOException {
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(DIM).funnel(Funnel.pca(4)).build())) {
      assertMessage(() -> index.add(1, new float[DIM]), "learns its rotation from the first addAll batch");
      assertMessage(() -> index.save(dir.resolve("empty.hnsw")), "no rotation before its first addAll batch");
      assertEquals(0, index.size());
      assertEquals(List.of(), index.search(new float[DIM], 5));
      index.addAll(TestData.sequentialIds(200), TestData.uniform(200, DIM, 1), 1);
      index.add(1000, TestData.uniform(1, DIM, 2)[0]); // the rotation is learned now
      assertEquals(201, index.size());
    }
  }

  @Test
  void damagedFunnelFilesAreRefused() throws IOException {
    Path saved = dir.resolve("pca.hnsw");
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(DIM).metric(Metric.COSINE).funnel(Funnel.pca(4, 8)).build())) {
      index.addAll(TestData.sequentialIds(300), TestData.uniform(300, DIM, 3), 1);
      index.save(saved);
    }
    byte[] file = Files.readAllBytes(saved);
    IndexBytes probe = new IndexBytes(file.clone());
    int funnel = probe.funnelOffset();
    int header = probe.headerLength();
    long rotation = probe.sectionOffset(IndexBytes.SECTION_ROTATION);
    assertEquals(8L * DIM * Float.BYTES, probe.sectionLength(IndexBytes.SECTION_ROTATION));

    assertRefused(file, "truncated", b -> {}, Arrays.copyOf(file, (int) rotation + 40), "truncated");
    assertRefused(file, "count", b -> b.putInt(funnel, 9).reseal(header), null, "bad funnel prefix count 9");
    assertRefused(file, "order", b -> b.putInt(funnel + 8, 3).reseal(header), null,
        "funnel prefixes [4, 3] are not strictly increasing within 1..16");
    assertRefused(file, "too long", b -> b.putInt(funnel + 8, 17).reseal(header), null, "within 1..16");
    assertRefused(file, "rotation code", b -> b.putInt(funnel + 12, 5).reseal(header), null,
        "unknown funnel rotation code 5");
    // PCA rows 8 -> none: the rotation section's stated length no longer matches.
    assertRefused(file, "bad length", b -> b.putInt(funnel + 12, 0).reseal(header), null, "section 7 at");
    assertRefused(file, "nan", b -> b.putFloat(rotation + 4L * 20, Float.NaN).resealFooter(), null,
        "the funnel rotation holds NaN in row 1");
    assertRefused(file, "scaled", b -> b.putFloat(rotation, 3f).resealFooter(), null,
        "the funnel rotation's row 0 has squared length");
  }

  /** Every way of opening refuses the damaged file, naming the problem; nothing is read past it. */
  private void assertRefused(byte[] original, String name, Consumer<IndexBytes> damage, byte[] replaced, String expected)
      throws IOException {
    IndexBytes bytes = new IndexBytes(original.clone());
    damage.accept(bytes);
    Path file = dir.resolve(name + ".hnsw");
    Files.write(file, replaced != null ? replaced : bytes.bytes());
    for (OpenOptions options : OPENS) {
      CorruptIndexException e = assertThrows(CorruptIndexException.class, () -> HnswIndex.open(file, options).close());
      assertTrue(e.getMessage().contains(expected), name + " " + options + ": " + e.getMessage());
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
    String verified = IndexFile.verify(file);
    assertTrue(verified != null && verified.contains(expected), name + ": " + verified);
  }

  private static void assertMessage(Executable call, String expected) {
    RuntimeException e = assertThrows(RuntimeException.class, call);
    assertTrue(e instanceof IllegalArgumentException || e instanceof IllegalStateException, e.toString());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
