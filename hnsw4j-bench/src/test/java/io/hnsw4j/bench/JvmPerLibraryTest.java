package io.hnsw4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.Metric;
import io.hnsw4j.cli.bench.BenchRow;
import io.hnsw4j.cli.bench.ResultsCsv;
import io.hnsw4j.datasets.VectorFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --jvm-per-library measures each library in a child JVM and puts every row in one table. */
class JvmPerLibraryTest {
  @TempDir Path dir;

  @Test
  void eachLibraryRunsInAJvmOfItsOwnAndEveryRowJoinsTheTable() throws Exception {
    float[][] base = SeededVectors.random(600, 8, 31);
    float[][] queries = SeededVectors.random(15, 8, 32);
    VectorFiles.writeFvecs(dir.resolve("tiny_base.fvecs"), base);
    VectorFiles.writeFvecs(dir.resolve("tiny_query.fvecs"), queries);
    Path out = dir.resolve("out");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    // --limit and no --groundtruth: the parent computes the truth once and hands it down.
    int status = PeerBench.run(new String[] {
        "--base", dir.resolve("tiny_base.fvecs").toString(),
        "--queries", dir.resolve("tiny_query.fvecs").toString(), "--limit", "500",
        "--metric", "l2", "--ef", "10,500", "--threads", "2", "--runs", "1",
        "--min-pass-ms", "5", "--warmup-seconds", "0.05", "--quiet", "--jvm-per-library",
        "--out=" + out, "--libs", "hnsw4j,hnsw4j-int8"},
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));

    String log = stdout.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, log + stderr.toString(StandardCharsets.UTF_8));
    Matcher child = Pattern.compile("(hnsw4j[-a-z0-9]*): measured in a JVM of its own \\(pid (\\d+)\\)")
        .matcher(log);
    List<String> libraries = new ArrayList<>();
    List<Long> pids = new ArrayList<>();
    while (child.find()) {
      libraries.add(child.group(1));
      pids.add(Long.parseLong(child.group(2)));
    }
    assertEquals(List.of("hnsw4j", "hnsw4j-int8"), libraries, log);
    assertNotEquals(pids.get(0), pids.get(1), log);
    assertTrue(pids.stream().noneMatch(pid -> pid == ProcessHandle.current().pid()), log);
    // Each child found the truth the parent computed rather than computing its own.
    assertEquals(2, count(log, "ground truth: cached in " + out.resolve("jvm-per-library")), log);
    assertEquals(1, count(log, "ground truth: computed exactly"), log);

    List<BenchRow> rows = ResultsCsv.read(out.resolve("results.csv"));
    assertEquals(List.of("hnsw4j", "hnsw4j", "hnsw4j-int8", "hnsw4j-int8"),
        rows.stream().map(BenchRow::library).toList());
    for (BenchRow row : rows) {
      assertEquals(500, row.n(), row.toString());
      assertTrue(row.qps1t() > 0 && row.buildSNt() > 0, row.toString());
      if (row.ef() == 500) {
        assertEquals(1.0, row.recall(), 1e-9, row.toString());
      }
    }
    assertEquals(rows.subList(2, 4),
        ResultsCsv.read(out.resolve("jvm-per-library/hnsw4j-int8/results.csv")));
    String table = Files.readString(out.resolve("results.md"));
    assertTrue(table.contains("| hnsw4j |") && table.contains("| hnsw4j-int8 |"), table);
  }

  @Test
  void theChildGetsEveryOptionButTheLibrariesTheFolderTheTruthAndTheMode() {
    Path dir = Path.of("out", "jvm-per-library", "hnswlib");
    assertEquals(List.of("--base", "b.fvecs", "--ef=10,20", "--quiet", "--libs", "hnswlib",
            "--out", dir.toString()),
        JvmPerLibrary.childArgs(List.of("--base", "b.fvecs", "--libs", "hnsw4j,hnswlib",
            "--jvm-per-library", "--out", "out", "--ef=10,20", "--groundtruth=gt.ivecs", "--quiet"),
            "hnswlib", dir));
    assertEquals(List.of("--base", "b.fvecs", "--libs", "hnswlib", "--out", dir.toString()),
        JvmPerLibrary.childArgs(List.of("--libs=hnswlib", "--groundtruth", "gt.ivecs", "--base",
            "b.fvecs", "--out=out"), "hnswlib", dir));
  }

  @Test
  void theChildKeepsTheJvmOptionsButARecordingAndADebugger() {
    assertEquals(List.of("-Xmx8g", "--add-modules=jdk.incubator.vector", "-Dhnsw4j.native.dir=/n"),
        JvmPerLibrary.childJvmOptions(List.of("-Xmx8g", "-XX:StartFlightRecording=filename=a.jfr",
            "--add-modules=jdk.incubator.vector", "-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
            "-Dhnsw4j.native.dir=/n", "-XX:FlightRecorderOptions=stackdepth=96")));
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
