package io.hnsw4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.Metric;
import io.hnsw4j.cli.TestData;
import io.hnsw4j.datasets.VectorFiles;
import io.hnsw4j.cli.progress.Progress;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchJobTest {
  @TempDir Path dir;

  @Test
  void writesCsvMarkdownAndPlot() throws Exception {
    float[][] base = TestData.clustered(400, 8, 11);
    float[][] queries = TestData.clustered(20, 8, 12);
    VectorFiles.writeFvecs(dir.resolve("tiny_base.fvecs"), base);
    VectorFiles.writeFvecs(dir.resolve("tiny_query.fvecs"), queries);
    VectorFiles.writeIvecs(dir.resolve("tiny_gt.ivecs"), TestData.bruteForce(base, queries, 10));

    BenchOptions o = new BenchOptions();
    o.base = dir.resolve("tiny_base.fvecs").toString();
    o.queries = dir.resolve("tiny_query.fvecs").toString();
    o.groundTruth = dir.resolve("tiny_gt.ivecs").toString();
    o.metric = Metric.L2;
    o.m = 16;
    o.efConstruction = 100;
    o.efs = new int[] {1, 5, 10, 40};
    o.k = 10;
    o.threads = 2;
    o.out = dir.resolve("out");
    o.limit = null;
    o.queryLimit = null;
    o.runs = 2;
    o.warmup = 1;
    o.minPassMs = 5;
    o.warmupSeconds = 0.1;
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    List<BenchRow> rows = new BenchJob(o, new PrintStream(text, true, StandardCharsets.UTF_8),
        Progress.silent()).run(List.of(new BruteForceLibrary()));

    assertEquals(4, rows.size());
    // Untimed builds come first, at least two, so that the timed ones run compiled code.
    String log = text.toString(StandardCharsets.UTF_8);
    assertTrue(log.matches("(?s).*brute: build warmed up with ([2-9]|[1-9][0-9]+) builds of 400 vectors in .*"), log);
    assertEquals("tiny", rows.getFirst().dataset());
    assertEquals(1.0, rows.getLast().recall(), 1e-9);
    assertTrue(rows.getFirst().recall() < 1.0);
    for (BenchRow r : rows) {
      assertTrue(r.qps1t() > 0 && r.qpsNt() > 0 && r.p99Ms() >= r.p50Ms(), r.toString());
      assertEquals(400 * 8 * 4, r.memoryBytes());
      int scanned = Math.min(400, Math.max(10, r.ef() * 20));
      assertEquals(new AnnLibrary.SearchWork(scanned, 0, scanned * 8 * 4.0), r.work());
      assertTrue(r.bandwidthGBs() > 0.1, "bandwidth " + r.bandwidthGBs());
      assertEquals(r.bandwidthGBs() * 1e9 / (scanned * 32.0), r.limitQps(), 1e-6);
    }

    List<String> csv = Files.readAllLines(o.out.resolve("results.csv"));
    assertEquals("library,dataset,metric,n,dim,m,ef_construction,ef,k,recall,qps_1t,qps_nt,"
        + "p50_ms,p99_ms,build_s_1t,build_s_nt,memory_bytes,distances_per_query,hops_per_query,"
        + "bytes_per_query,bandwidth_gb_s,limit_qps", csv.getFirst());
    assertEquals(5, csv.size());
    assertTrue(csv.get(1).startsWith("brute,tiny,l2,400,8,16,100,1,10,"), csv.get(1));
    List<BenchRow> read = ResultsCsv.read(o.out.resolve("results.csv"));
    assertEquals(rows.size(), read.size());
    assertEquals(rows.getLast().work(), read.getLast().work());

    String md = Files.readString(o.out.resolve("results.md"));
    assertTrue(md.contains("| brute | 40 | 1.0000 |"), md);
    assertTrue(md.contains("## Work per query at recall@10 = 0.95"), md);
    assertTrue(md.contains("| 400 | 0 | 12.5 | "), "the sweep's work at ef 40: " + md);
    BufferedImage png = ImageIO.read(o.out.resolve("plot.png").toFile());
    assertEquals(1000, png.getWidth());
    assertTrue(text.toString(StandardCharsets.UTF_8).contains("results.csv"));
  }

  @Test
  void interpolatesQpsAtRecall() {
    List<BenchRow> curve = List.of(row(10, 0.80, 1000), row(20, 0.90, 800), row(40, 1.0, 400));
    assertEquals(800, MarkdownReport.qpsAtRecall(curve, 0.90), 1e-6);
    double mid = MarkdownReport.qpsAtRecall(curve, 0.95);
    assertEquals(Math.sqrt(800.0 * 400.0), mid, 1e-6);
    assertEquals(1000, MarkdownReport.qpsAtRecall(curve, 0.5), 1e-6);
    assertTrue(Double.isNaN(MarkdownReport.qpsAtRecall(List.of(row(10, 0.8, 5)), 0.99)));
  }

  @Test
  void readsFilesWrittenBeforeTheWorkColumns() throws Exception {
    Path old = dir.resolve("old.csv");
    Files.writeString(old, "library,dataset,metric,n,dim,m,ef_construction,ef,k,recall,qps_1t,qps_nt,"
        + "p50_ms,p99_ms,build_s_1t,build_s_nt,memory_bytes\n"
        + "hnsw4j,glove,cosine,100,4,16,100,10,10,0.9000,1000.0,1900.0,0.1,0.2,1.0,0.6,1234\n");
    BenchRow row = ResultsCsv.read(old).getFirst();
    assertEquals(1234, row.memoryBytes());
    assertTrue(!row.work().known() && row.limitQps() < 0, row.toString());
  }

  @Test
  void readsWorkOffTheCurveAtTheTargetRecall() {
    List<BenchRow> curve = List.of(
        worked(10, 0.90, 100, 10, 1000), worked(20, 1.0, 300, 30, 3000));
    double[] at = WorkTable.atRecall(curve, 0.95);
    assertEquals(200, at[0], 1e-9);
    assertEquals(20, at[1], 1e-9);
    assertEquals(2000, at[2], 1e-9);
    assertEquals(100, WorkTable.atRecall(curve, 0.5)[0], 1e-9);
    assertEquals(null, WorkTable.atRecall(List.of(row(10, 0.9, 5)), 0.5), "unknown work");
    assertEquals(null, WorkTable.atRecall(curve, 1.01), "never reached");
  }

  @Test
  void recallCountsCommonIds() {
    int[][] truth = {{1, 2, 3, 4}, {5, 6, 7, 8}};
    int[][] found = {{4, 3, 9, 1}, {5, 6, 7, 8}};
    assertEquals((0.75 + 1.0) / 2, BenchRunner.recall(found, truth, 4), 1e-12);
    assertEquals(0.5, BenchRunner.recall(new int[][] {{1, 9}}, new int[][] {{1, 2, 3}}, 2), 1e-12);
  }

  private static BenchRow worked(int ef, double recall, double distances, double hops, double bytes) {
    return new BenchRow("x", "d", "l2", 1, 1, 16, 100, ef, 10, recall, 1, 1, 0, 0, 0, 0, 0,
        new AnnLibrary.SearchWork(distances, hops, bytes), 10);
  }

  private static BenchRow row(int ef, double recall, double qps) {
    return new BenchRow("x", "d", "l2", 1, 1, 16, 100, ef, 10, recall, qps, qps, 0, 0, 0, 0, 0, AnnLibrary.SearchWork.UNKNOWN, -1);
  }
}
