package io.hnsw4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hnsw4j.DataDiagnostics;
import io.hnsw4j.Metric;
import io.hnsw4j.cli.MainTest.Result;
import io.hnsw4j.datasets.VectorFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hnsw4j analyze} end to end: its numbers are the core's DataDiagnostics of the same file. */
class AnalyzeCommandTest {
  @TempDir Path dir;
  private float[][] base;
  private Path baseFile;

  @BeforeEach
  void writeData() throws Exception {
    base = TestData.clustered(800, 8, 5);
    baseFile = dir.resolve("tiny_base.fvecs");
    VectorFiles.writeFvecs(baseFile, base);
  }

  @Test
  void textReportShowsTheDiagnostics() {
    Result r = MainTest.run("analyze", baseFile.toString(), "--sample", "300", "--k", "15", "--seed", "3",
        "--threads", "2");
    assertEquals(0, r.status(), r.err());
    DataDiagnostics d = DataDiagnostics.of(base, Metric.L2, 15, 300, 3, 1);
    String out = r.out();
    assertTrue(out.contains("file           " + baseFile + " (fvecs file)"), out);
    assertTrue(out.contains("vectors        800 of dimension 8"), out);
    assertTrue(out.contains("metric         l2 (default; give --metric)"), out);
    assertTrue(out.contains("sample         300 points, k = 15"), out);
    assertTrue(out.contains(String.format(Locale.ROOT, "LID            mean %.2f, min %.2f, max %.2f",
        d.lid().mean(), d.lid().min(), d.lid().max())), out);
    assertTrue(out.contains(String.format(Locale.ROOT, "p50 %.2f", d.lid().quantile(0.5))), out);
    assertTrue(out.contains(String.format(Locale.ROOT, "skewness of N_15 %.2f", d.hubness().skewness())), out);
    // At most 20 histogram bars (the default), whose counts add up to the sample.
    long bars = out.lines().filter(line -> line.matches("\\s+[0-9.]+(-[0-9.]+|\\+) \\|#*\\s+\\d+")).count();
    assertTrue(bars >= 5 && bars <= 20, out);
    long total = out.lines().filter(line -> line.matches("\\s+[0-9.]+(-[0-9.]+|\\+) \\|#*\\s+\\d+"))
        .mapToLong(line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1))).sum();
    assertEquals(300, total);
    assertTrue(out.contains("what this means for M and ef"), out);
    assertTrue(out.contains("Recall at a fixed M and ef falls as LID rises"), out);
  }

  @Test
  void jsonReportIsMachineReadable() throws Exception {
    Result r = MainTest.run("analyze", baseFile.toString(), "--json", "--sample", "250", "--seed", "4",
        "--metric", "cosine", "--bins", "8");
    assertEquals(0, r.status(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    DataDiagnostics d = DataDiagnostics.of(base, Metric.COSINE, 20, 250, 4, 1);
    assertEquals(800, json.get("size").asInt());
    assertEquals(8, json.get("dimension").asInt());
    assertEquals("cosine", json.get("metric").asText());
    assertEquals(d.norms().mean(), json.get("norms").get("mean").asDouble(), 1e-12);
    JsonNode lid = json.get("lid");
    assertEquals(20, lid.get("k").asInt());
    assertEquals(250, lid.get("sample").asInt());
    assertEquals(d.lid().mean(), lid.get("mean").asDouble(), 1e-12);
    assertEquals(d.lid().quantile(0.95), lid.get("quantiles").get("p95").asDouble(), 1e-12);
    int bins = lid.get("histogram").get("counts").size();
    assertTrue(bins >= 2 && bins <= 8, r.out());
    assertEquals(bins + 1, lid.get("histogram").get("edges").size());
    long total = 0;
    for (JsonNode count : lid.get("histogram").get("counts")) {
      total += count.asLong();
    }
    assertEquals(250, total);
    JsonNode hubness = json.get("hubness");
    assertEquals(d.hubness().skewness(), hubness.get("skewness").asDouble(), 1e-12);
    assertEquals(d.hubness().maxOccurrence(), hubness.get("maxOccurrence").asInt());
    assertTrue(json.get("advice").size() >= 2, r.out());
  }

  @Test
  void pngHistogram() throws Exception {
    Path png = dir.resolve("lid.png");
    Result r = MainTest.run("analyze", baseFile.toString(), "--sample", "200", "--png", png.toString(), "-q");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("wrote " + png), r.out());
    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
    assertTrue(bytes.length > 5_000, bytes.length + " bytes");
  }

  @Test
  void anIndexFileIsAnalyzedWithItsOwnMetric() {
    Path index = dir.resolve("tiny.hnsw");
    assertEquals(0, MainTest.run("build", baseFile.toString(), "-o", index.toString(), "--metric", "cosine",
        "-q").status());
    Result r = MainTest.run("analyze", index.toString(), "--sample", "100");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("(index file)") && r.out().contains("metric         cosine (the index's)"), r.out());
    assertTrue(r.out().contains("norms          min 1.000, mean 1.000, max 1.000"), r.out()); // stored normalised

    r = MainTest.run("analyze", index.toString(), "--metric", "l2");
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertTrue(r.err().contains("is an index with metric cosine; leave out --metric l2"), r.err());
  }

  @Test
  void mistakesAreOneLine() throws Exception {
    Result r = MainTest.run("analyze", baseFile.toString(), "--k", "1");
    assertEquals(Main.EXIT_USAGE, r.status());
    assertTrue(r.err().contains("must be in 2..1000, got 1"), r.err());

    Path junk = dir.resolve("notes.txt");
    Files.writeString(junk, "not vectors");
    r = MainTest.run("analyze", junk.toString());
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertTrue(r.err().contains("is neither a vector file") && r.err().contains("nor a readable index"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());

    r = MainTest.run("analyze", dir.resolve("missing.fvecs").toString());
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertTrue(r.err().contains("no such file"), r.err());
  }
}
