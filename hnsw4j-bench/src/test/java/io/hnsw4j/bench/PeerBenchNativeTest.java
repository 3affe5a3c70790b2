package io.hnsw4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.Metric;
import io.hnsw4j.cli.bench.AnnLibrary;
import io.hnsw4j.cli.bench.BenchRow;
import io.hnsw4j.cli.bench.ResultsCsv;
import io.hnsw4j.datasets.VectorFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness measures the C++ peers beside hnsw4j in one run, one table and one plot. */
class PeerBenchNativeTest {
  @TempDir Path dir;

  @Test
  void nativePeersShareTheRunTheTableAndThePlot() throws Exception {
    float[][] base = SeededVectors.random(1_000, 12, 21);
    float[][] queries = SeededVectors.random(20, 12, 22);
    VectorFiles.writeFvecs(dir.resolve("small_base.fvecs"), base);
    VectorFiles.writeFvecs(dir.resolve("small_query.fvecs"), queries);
    VectorFiles.writeIvecs(dir.resolve("small_gt.ivecs"),
        SeededVectors.exact(base, queries, 10, Metric.L2));
    Path out = dir.resolve("out");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    int status = PeerBench.run(new String[] {
        "--base", dir.resolve("small_base.fvecs").toString(),
        "--queries", dir.resolve("small_query.fvecs").toString(),
        "--groundtruth", dir.resolve("small_gt.ivecs").toString(),
        "--metric", "l2", "--ef", "10,1000", "--threads", "2", "--runs", "1",
        "--min-pass-ms", "5", "--warmup-seconds", "0.05", "--quiet",
        "--out", out.toString(), "--libs", "hnsw4j,hnswlib,usearch,faiss"},
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));

    assertEquals(0, status, stderr.toString(StandardCharsets.UTF_8));
    String log = stdout.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("hnswlib: hnswlib 0.8.0 ("), log);
    List<BenchRow> rows = ResultsCsv.read(out.resolve("results.csv"));
    assertEquals(List.of("hnsw4j", "hnsw4j", "hnswlib", "hnswlib", "usearch", "usearch", "faiss",
        "faiss"), rows.stream().map(BenchRow::library).toList());
    for (BenchRow row : rows) {
      assertTrue(row.qps1t() > 0 && row.qpsNt() > 0 && row.buildSNt() > 0, row.toString());
      if (row.ef() == 1000) {
        assertEquals(1.0, row.recall(), 1e-9, row.toString());
      }
      if (row.library().equals("faiss")) {
        assertTrue(!row.work().known(), "FAISS does not count: " + row);
        continue;
      }
      // Each counts its own walk; at ef 1000 over 1,000 rows a search scores most of them.
      AnnLibrary.SearchWork w = row.work();
      assertTrue(w.hops() > 0 && w.distances() > w.hops() && w.distances() <= 1_000 + 200, row.toString());
      assertTrue(w.bytes() > w.distances() * 12 * 4, row.toString());
      if (row.ef() == 1000) {
        assertTrue(w.distances() > 500, row.toString());
      }
    }
    String table = Files.readString(out.resolve("results.md"));
    for (String library : List.of("hnsw4j", "hnswlib", "usearch", "faiss")) {
      assertTrue(table.contains("| " + library + " |"), table);
    }
    assertTrue(Files.size(out.resolve("plot.png")) > 0);
  }
}
