package io.hnsw4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void verboseAddsTheStackTrace() {
    Result r = run("build", "--verbose", dir.resolve("nope.fvecs").toString(), "-o", "x");
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertTrue(r.err().contains("\tat "), r.err());
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
