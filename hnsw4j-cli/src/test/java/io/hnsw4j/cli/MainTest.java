package io.hnsw4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.datasets.VectorFiles;
import io.hnsw4j.datasets.VectorFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's contract for mistakes: one clear line, a non-zero status, no stack trace. */
class MainTest {
  @TempDir Path dir;

  record Result(int status, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static void assertOneLine(Result r, String expected) {
    assertTrue(r.err().contains(expected), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void missingFileIsOneLine() {
    Result r = run("build", dir.resolve("nope.fvecs").toString(), "-o",
        dir.resolve("i.hnsw").toString());
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertOneLine(r, "no such file: " + dir.resolve("nope.fvecs"));
  }

  @Test
  void badOptionsAreOneLine() {
    Result r = run("build", "x.fvecs", "-o", "y", "--metric", "manhattan");
    assertEquals(Main.EXIT_USAGE, r.status());
    assertOneLine(r, "unknown metric 'manhattan'");

    r = run("bench", "--base", "a.fvecs", "--queries", "b.fvecs");
    assertEquals(Main.EXIT_USAGE, r.status());
    assertOneLine(r, "--out");

    r = run("search", "i.hnsw", "--k", "ten", "--vector", "1,2");
    assertEquals(Main.EXIT_USAGE, r.status());
    assertOneLine(r, "--k");

    r = run("frobnicate");
    assertEquals(Main.EXIT_USAGE, r.status());
    assertOneLine(r, "frobnicate");
  }

  @Test
  void wrongFormatIsOneLine() throws Exception {
    Path bad = dir.resolve("bad.fvecs");
    Files.write(bad, new byte[] {0, 0, 0, 0});
    Result r = run("groundtruth", "--base", bad.toString(), "--queries", bad.toString(),
        "--metric", "l2", "-o", dir.resolve("gt.ivecs").toString());
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertOneLine(r, "bad.fvecs: record 0");

    r = run("build", dir.resolve("data.csv").toString(), "-o", "x");
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertOneLine(r, "--format");
  }

  @Test
  void formatsAreTheDatasetModulesNames() throws Exception {
    String names = Arrays.stream(VectorFormat.values()).map(VectorFormat::extension)
        .collect(Collectors.joining(", "));
    for (String command : new String[] {"build", "search", "groundtruth", "bench"}) {
      Result r = run(command, "--help");
      assertEquals(0, r.status(), r.err());
      assertTrue(r.out().replaceAll("\\s+", " ").contains(names), command + ": " + r.out());
    }

    Result r = run("build", "x.fvecs", "-o", dir.resolve("y").toString(), "--format", "csv");
    assertEquals(Main.EXIT_USAGE, r.status());
    assertOneLine(r, "Invalid value for option '--format': unknown vector format 'csv'; known"
        + " formats: " + names.replace(",", ""));

    // A file whose name tells nothing is read with --format (for search: also --queries-format).
    Path base = dir.resolve("vectors.dat");
    VectorFiles.write(base, VectorFormat.FBIN, TestData.clustered(40, 3, 4));
    Path index = dir.resolve("f.hnsw");
    r = run("build", base.toString(), "--format", "FBIN", "-o", index.toString(), "-q");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("40 vectors of dimension 3"), r.out());
    r = run("search", index.toString(), "--queries", base.toString(), "--format", ".fbin",
        "--limit", "1", "--k", "1", "--output", "csv");
    assertEquals(0, r.status(), r.err());
    assertEquals(List.of("query,rank,id,distance", "0,1,0,0.0"), r.out().lines().toList());
  }

  @Test
  void verboseAddsTheStackTrace() {
    Result r = run("build", "--verbose", dir.resolve("nope.fvecs").toString(), "-o", "x");
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertTrue(r.err().contains("\tat "), r.err());
  }

  @Test
  void versionIsTheBuildsVersion() {
    String expected = System.getProperty("hnsw4j.expectedVersion");
    assertTrue(expected != null && !expected.isBlank() && !expected.contains("${"),
        "the build passes the project version as hnsw4j.expectedVersion: " + expected);
    Result r = run("--version");
    assertEquals(0, r.status(), r.err());
    assertEquals("hnsw4j " + expected, r.out().lines().findFirst().orElseThrow());
    assertTrue(r.out().contains("Java " + System.getProperty("java.version")), r.out());
  }

  @Test
  void helpListsTheSubcommands() {
    Result r = run("--help");
    assertEquals(0, r.status());
    for (String sub : new String[] {"build", "search", "groundtruth", "bench", "info", "verify"}) {
      assertTrue(r.out().contains(sub), r.out());
    }
    r = run("bench", "--help");
    for (String option : new String[] {"--base", "--queries", "--groundtruth", "--metric", "--m",
        "--ef-construction", "--ef", "--k", "--threads", "--out"}) {
      assertTrue(r.out().contains(option + " ") || r.out().contains(option + "="), option);
    }
  }
}
