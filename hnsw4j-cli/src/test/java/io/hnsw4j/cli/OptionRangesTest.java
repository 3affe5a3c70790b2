package io.hnsw4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.cli.MainTest.Result;
import io.hnsw4j.datasets.VectorFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every numeric option of every command rejects a value out of its range as a usage error (exit
 * status 2, one line naming the option) before any file is read or written; the values at the
 * edges of each range are accepted.
 */
class OptionRangesTest {
  @TempDir Path dir;
  private Path base;
  private Path queries;
  private Path index;

  @BeforeEach
  void writeData() throws Exception {
    base = dir.resolve("r_base.fvecs");
    queries = dir.resolve("r_query.fvecs");
    VectorFiles.writeFvecs(base, TestData.clustered(300, 4, 1));
    VectorFiles.writeFvecs(queries, TestData.clustered(5, 4, 2));
    index = dir.resolve("r.hnsw");
    Result r = MainTest.run("build", base.toString(), "-o", index.toString(), "--m", "8",
        "--threads", "1", "-q");
    assertEquals(0, r.status(), r.err());
  }

  /** Runs {@code command} with the valid arguments plus {@code option value}. */
  private Result runWith(String command, String option, String value) {
    List<String> args = new ArrayList<>(List.of(command));
    Path out = dir.resolve("new-" + command);
    switch (command) {
      case "build" -> args.addAll(List.of(base.toString(), "-o", out.toString()));
      case "search" -> args.addAll(List.of(index.toString(), "--queries", queries.toString()));
      case "groundtruth" -> args.addAll(List.of("--base", base.toString(), "--queries",
          queries.toString(), "--metric", "l2", "-o", out + ".ivecs"));
      case "bench" -> args.addAll(List.of("--base", base.toString(), "--queries",
          queries.toString(), "--metric", "l2", "--out", out.toString(), "--ef", "10",
          "--runs", "1", "--min-pass-ms", "1", "--warmup-seconds", "0", "--threads", "1"));
      case "verify" -> args.add(index.toString());
      default -> throw new AssertionError(command);
    }
    args.addAll(List.of(option, value, "-q"));
    return MainTest.run(args.toArray(String[]::new));
  }

  private void assertRejected(String command, String option, String value) {
    Result r = runWith(command, option, value);
    String what = command + " " + option + " " + value + ": ";
    assertEquals(Main.EXIT_USAGE, r.status(), what + r.out() + r.err());
    assertTrue(r.err().contains("option '" + option + "'"), what + r.err());
    assertEquals(1, r.err().strip().lines().count(), what + r.err());
    assertFalse(r.err().contains("\tat "), what + r.err());
    assertFalse(Files.exists(dir.resolve("new-" + command)), what + "wrote its output");
    assertFalse(Files.exists(dir.resolve("new-" + command + ".ivecs")), what + "wrote its output");
  }

  private void assertAccepted(String command, String option, String value) {
    Result r = runWith(command, option, value);
    assertEquals(0, r.status(), command + " " + option + " " + value + ": " + r.out() + r.err());
  }

  @Test
  void buildRejectsOutOfRangeNumbers() {
    String tooManyThreads = String.valueOf(NumberConverters.MAX_THREADS + 1);
    String[][] cases = {{"--m", "1"}, {"--m", "513"}, {"--ef-construction", "0"},
        {"--ef-construction", "-3"}, {"--ef-construction", "1048577"}, {"--ef-search", "0"},
        {"--threads", "0"}, {"--threads", "-2"}, {"--threads", tooManyThreads},
        {"--limit", "-5"}, {"--limit", "0"}, {"--limit", "ten"}, {"--limit", "99999999999"}};
    for (String[] c : cases) {
      assertRejected("build", c[0], c[1]);
    }
  }

  @Test
  void searchRejectsOutOfRangeNumbers() {
    String[][] cases = {{"--k", "0"}, {"--k", "-1"}, {"--k", "1048577"}, {"--ef", "0"},
        {"--ef", "2000000"}, {"--limit", "0"}, {"--limit", "-1"}};
    for (String[] c : cases) {
      assertRejected("search", c[0], c[1]);
    }
  }

  @Test
  void groundTruthRejectsOutOfRangeNumbers() {
    String[][] cases = {{"--k", "0"}, {"--k", "-100"}, {"--threads", "0"}};
    for (String[] c : cases) {
      assertRejected("groundtruth", c[0], c[1]);
    }
  }

  @Test
  void benchRejectsOutOfRangeNumbers() {
    String[][] cases = {{"--m", "1"}, {"--ef-construction", "0"}, {"--ef", "10,0"},
        {"--ef", "-10"}, {"--k", "0"}, {"--threads", "0"}, {"--limit", "-5"}, {"--limit", "0"},
        {"--query-limit", "0"}, {"--query-limit", "-1"}, {"--runs", "0"}, {"--warmup", "-1"},
        {"--min-pass-ms", "-1"}, {"--warmup-seconds", "-1"}, {"--warmup-seconds", "NaN"},
        {"--warmup-seconds", "Infinity"}};
    for (String[] c : cases) {
      assertRejected("bench", c[0], c[1]);
    }
  }

  @Test
  void verifyRejectsOutOfRangeNumbers() {
    String[][] cases = {{"--sample", "0"}, {"--sample", "-5"}, {"--min-self-recall", "1.5"},
        {"--min-self-recall", "-0.1"}, {"--min-self-recall", "NaN"}};
    for (String[] c : cases) {
      assertRejected("verify", c[0], c[1]);
    }
  }

  @Test
  void theEdgesOfEachRangeAreAccepted() throws Exception {
    assertAccepted("build", "--m", "2");
    assertAccepted("search", "--k", "1");
    assertAccepted("search", "--ef", "1");
    assertAccepted("verify", "--sample", "1");
    assertAccepted("verify", "--min-self-recall", "0");
    assertAccepted("verify", "--min-self-recall", "1");
    assertAccepted("groundtruth", "--k", "1");
    assertAccepted("bench", "--warmup", "0");
  }

  @Test
  void limitsTakeThatManyRows() {
    Result r = runWith("build", "--limit", "120");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("120 vectors of dimension 4"), r.out());

    r = MainTest.run("search", index.toString(), "--queries", queries.toString(), "--limit", "2",
        "--k", "3", "--output", "csv");
    assertEquals(0, r.status(), r.err());
    assertEquals(1 + 2 * 3, r.out().lines().count(), r.out());
  }
}
