package io.hnsw4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.cli.bench.BenchRunner;
import io.hnsw4j.datasets.VectorFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build race interleaves the libraries round by round and reports medians and ratios. */
class BuildRaceTest {
  @TempDir Path dir;

  @Test
  void everyRoundBuildsEveryLibraryStartingWithTheNextOne() throws Exception {
    Path base = dir.resolve("race_base.fvecs");
    VectorFiles.writeFvecs(base, SeededVectors.random(700, 8, 41));
    Result result = race("--base", base.toString(), "--metric", "l2", "--ef-construction", "40",
        "--threads", "1,2", "--rounds", "3", "--libs", "hnsw4j,hnswlib");

    assertEquals(0, result.status(), result.err());
    Matcher build = Pattern.compile("round (\\d): (\\S+), (\\d) thread\\(s\\): (\\d+\\.\\d\\d) s").matcher(result.out());
    StringBuilder order = new StringBuilder();
    while (build.find()) {
      order.append(build.group(1)).append(' ').append(build.group(2)).append(' ').append(build.group(3)).append('\n');
      assertTrue(Double.parseDouble(build.group(4)) > 0, build.group());
    }
    assertEquals("""
        1 hnsw4j 1
        1 hnswlib 1
        1 hnsw4j 2
        1 hnswlib 2
        2 hnswlib 1
        2 hnsw4j 1
        2 hnswlib 2
        2 hnsw4j 2
        3 hnsw4j 1
        3 hnswlib 1
        3 hnsw4j 2
        3 hnswlib 2
        """, order.toString());
    assertTrue(result.out().contains("700 vectors of dimension 8, l2, M = 16, efConstruction = 40"), result.out());
    Matcher row = Pattern.compile("\\| (\\S+) \\| (\\d) \\| (\\d+\\.\\d\\d) \\| ([0-9., ]+) \\| (\\d+\\.\\d\\d) \\|").matcher(result.out());
    int rows = 0;
    while (row.find()) {
      rows++;
      assertEquals(3, row.group(4).split(", ").length, row.group());
      if (row.group(1).equals("hnsw4j")) {
        assertEquals("1.00", row.group(5), "the first library is the yardstick: " + row.group());
      }
    }
    assertEquals(4, rows, result.out());
  }

  @Test
  void badInputIsOneLineNamingIt() {
    Result zeroRounds = race("--base", "x.fvecs", "--metric", "l2", "--rounds", "0");
    assertEquals(2, zeroRounds.status());
    assertTrue(zeroRounds.err().contains("--rounds"), zeroRounds.err());
    Result unknown = race("--base", dir.resolve("missing.fvecs").toString(), "--metric", "l2", "--libs", "hnsw4j,scann");
    assertEquals(1, unknown.status());
    assertTrue(unknown.err().contains("unknown library 'scann'"), unknown.err());
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(2.0, BenchRunner.median(new double[] {3, 1, 2}));
    assertEquals(2.5, BenchRunner.median(new double[] {4, 1, 3, 2}));
  }

  private record Result(int status, String out, String err) {}

  private static Result race(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = BuildRace.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
