package io.hnsw4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.cli.MainTest.Result;
import io.hnsw4j.datasets.VectorFiles;
import io.hnsw4j.datasets.VectorSource;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every subcommand end to end on a small generated data set. */
class CommandsTest {
  @TempDir Path dir;
  private float[][] base;
  private float[][] queries;
  private Path baseFile;
  private Path queryFile;

  @BeforeEach
  void writeData() throws Exception {
    base = TestData.clustered(600, 8, 5);
    queries = TestData.clustered(12, 8, 6);
    baseFile = dir.resolve("tiny_base.fvecs");
    queryFile = dir.resolve("tiny_query.fvecs");
    VectorFiles.writeFvecs(baseFile, base);
    VectorFiles.writeFvecs(queryFile, queries);
  }

  @Test
  void buildInfoVerifySearch() {
    Path index = dir.resolve("tiny.hnsw");
    Result r = MainTest.run("build", baseFile.toString(), "-o", index.toString(), "--m", "8",
        "--threads", "2", "-q");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("600 vectors of dimension 8"), r.out());

    r = MainTest.run("build", baseFile.toString(), "-o", index.toString());
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertTrue(r.err().contains("--force"), r.err());

    r = MainTest.run("info", index.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("600 live") && r.out().contains("M                8"), r.out());

    r = MainTest.run("verify", index.toString());
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("checksum         ok"), r.out());

    r = MainTest.run("search", index.toString(), "--queries", queryFile.toString(), "--k", "5",
        "--output", "csv");
    assertEquals(0, r.status(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("query,rank,id,distance", lines.getFirst());
    assertEquals(1 + 12 * 5, lines.size());
    int[][] truth = TestData.bruteForce(base, queries, 1);
    assertTrue(lines.get(1).startsWith("0,1," + truth[0][0] + ","), lines.get(1));

    r = MainTest.run("search", index.toString(), "--vector", "1,2,3", "--output", "json");
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertTrue(r.err().contains("dimension 3") && r.err().contains("dimension 8"), r.err());

    r = MainTest.run("search", index.toString(), "--vector", join(queries[0]), "--k", "2",
        "--output", "json", "--mmap");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("{\"query\": 0, \"results\": [{\"id\": " + truth[0][0]), r.out());
  }

  /**
   * A mapped open checks the structure but reads no vector: damage to a vector passes it, and
   * --verify (the whole checksum) catches it. Damage to the structure is caught either way.
   */
  @Test
  void mappedCommandsCheckTheChecksumWithVerify() throws Exception {
    Path index = dir.resolve("tiny.hnsw");
    assertEquals(0, MainTest.run("build", baseFile.toString(), "-o", index.toString(), "-q").status());
    byte[] sound = Files.readAllBytes(index);
    ByteBuffer header = ByteBuffer.wrap(sound).order(ByteOrder.LITTLE_ENDIAN);
    long vectors = header.getLong(96 + 4 + 8); // section 1's offset (no custom metric name)
    byte[] damaged = sound.clone();
    damaged[(int) vectors + 5] ^= 0x40;
    Files.write(index, damaged);
    String query = join(queries[0]);

    Result r = MainTest.run("info", index.toString());
    assertEquals(0, r.status(), r.err());
    r = MainTest.run("search", index.toString(), "--vector", query, "--mmap");
    assertEquals(0, r.status(), r.err());
    for (String[] args : List.of(new String[] {"info", index.toString(), "--verify"},
        new String[] {"search", index.toString(), "--vector", query, "--mmap", "--verify"},
        new String[] {"search", index.toString(), "--vector", query})) {
      r = MainTest.run(args);
      assertEquals(Main.EXIT_FAILURE, r.status(), String.join(" ", args));
      assertTrue(r.err().contains(index + ": checksum mismatch"), r.err());
    }

    // A link to a non-node, with the checksum recomputed so that only the structure can tell.
    long level0 = header.getLong(96 + 4 + 2 * 24 + 8);
    damaged = sound.clone();
    ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN).putInt((int) level0 + 4, 600);
    CRC32C crc = new CRC32C();
    crc.update(damaged, 0, damaged.length - 16);
    ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN).putInt(damaged.length - 16, (int) crc.getValue());
    Files.write(index, damaged);
    r = MainTest.run("info", index.toString());
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertTrue(r.err().contains(index + ": node 0 links to non-node 600 on level 0"), r.err());
  }

  @ParameterizedTest
  @CsvSource({"INT8, int8", "int4, int4", "binary, binary"})
  void quantizedIndexesAreBuiltDescribedAndSearched(String option, String codes) {
    Path index = dir.resolve(codes + ".hnsw");
    assertEquals(0, MainTest.run("build", baseFile.toString(), "-o", index.toString(), "-q",
        "--quantization", option).status());
    Result r = MainTest.run("info", index.toString());
    assertTrue(r.out().contains(codes + " codes, reranked with the float vectors"), r.out());
    r = MainTest.run("search", index.toString(), "--vector", join(queries[0]), "--k", "3", "--output", "csv");
    assertEquals(0, r.status(), r.err());
    assertEquals(4, r.out().strip().lines().count(), r.out());
    r = MainTest.run("build", baseFile.toString(), "-o", dir.resolve("x.hnsw").toString(), "--quantization", "int2");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("unknown quantization 'int2'; use none, int8, int4 or binary"), r.err());
  }

  @Test
  void buildOnCodesIsAChoiceForQuantizedIndexesOnly() {
    for (String choice : new String[] {"true", "false"}) {
      Path index = dir.resolve("on-codes-" + choice + ".hnsw");
      Result r = MainTest.run("build", baseFile.toString(), "-o", index.toString(), "-q", "--quantization", "int8",
          "--build-on-codes", choice);
      assertEquals(0, r.status(), r.err());
      r = MainTest.run("search", index.toString(), "--vector", join(base[7]), "--k", "1", "--output", "csv");
      assertTrue(r.out().lines().skip(1).findFirst().orElseThrow().startsWith("0,1,7,"), r.out());
    }
    Result r = MainTest.run("build", baseFile.toString(), "-o", dir.resolve("x.hnsw").toString(), "--build-on-codes", "true");
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertTrue(r.err().contains("--build-on-codes true needs --quantization"), r.err());
    r = MainTest.run("build", baseFile.toString(), "-o", dir.resolve("x.hnsw").toString(), "--build-on-codes", "maybe");
    assertEquals(2, r.status());
  }

  @Test
  void searchesMayStopEarly() {
    Path index = dir.resolve("patient.hnsw");
    assertEquals(0, MainTest.run("build", baseFile.toString(), "-o", index.toString(), "-q").status());
    Result r = MainTest.run("search", index.toString(), "--vector", join(base[7]), "--k", "3", "--ef", "50",
        "--patience", "0.33", "--output", "csv");
    assertEquals(0, r.status(), r.err());
    assertEquals(4, r.out().strip().lines().count(), r.out());
    assertTrue(r.out().lines().skip(1).findFirst().orElseThrow().startsWith("0,1,7,"), r.out());
    r = MainTest.run("search", index.toString(), "--vector", join(base[7]), "--patience", "2");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("must be a fraction from 0 to 1, got 2"), r.err());
    r = MainTest.run("search", index.toString(), "--vector", join(base[7]), "--k", "3", "--ef", "50",
        "--epsilon", "0.2", "--output", "csv");
    assertEquals(0, r.status(), r.err());
    assertEquals(4, r.out().strip().lines().count(), r.out());
    assertTrue(r.out().lines().skip(1).findFirst().orElseThrow().startsWith("0,1,7,"), r.out());
    for (String bad : new String[] {"-0.5", "NaN", "Infinity"}) {
      r = MainTest.run("search", index.toString(), "--vector", join(base[7]), "--epsilon", bad);
      assertEquals(2, r.status(), bad);
      assertTrue(r.err().contains("must be a finite number >= 0, got " + bad), r.err());
    }
  }

  @Test
  void funnelIndexesAreBuiltDescribedAndSearched() {
    Path index = dir.resolve("funnel.hnsw");
    assertEquals(0, MainTest.run("build", baseFile.toString(), "-o", index.toString(), "-q",
        "--funnel", "3,6", "--rotation", "pca").status());
    Result r = MainTest.run("info", index.toString());
    assertTrue(r.out().contains("funnel over prefixes 3, 6 of the PCA-rotated vectors"), r.out());
    r = MainTest.run("search", index.toString(), "--vector", join(base[7]), "--k", "3", "--output", "csv");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().lines().skip(1).findFirst().orElseThrow().startsWith("0,1,7,"), r.out());
    r = MainTest.run("build", baseFile.toString(), "-o", dir.resolve("x.hnsw").toString(), "--funnel", "4,9");
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertTrue(r.err().contains("--funnel 9 exceeds the vectors' dimension 8"), r.err());
    r = MainTest.run("build", baseFile.toString(), "-o", dir.resolve("x.hnsw").toString(), "--funnel", "4,2");
    assertTrue(r.err().contains("strictly increasing"), r.err());
    r = MainTest.run("build", baseFile.toString(), "-o", dir.resolve("x.hnsw").toString(), "--rotation", "pca");
    assertTrue(r.err().contains("--rotation pca needs --funnel"), r.err());
    r = MainTest.run("build", baseFile.toString(), "-o", dir.resolve("x.hnsw").toString(), "--funnel", "4",
        "--rotation", "ica");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("unknown rotation 'ica'"), r.err());
  }

  @Test
  void aNonFiniteQueryFailsBeforeAnyResultIsPrinted() throws Exception {
    Path index = dir.resolve("nf.hnsw");
    assertEquals(0, MainTest.run("build", baseFile.toString(), "-o", index.toString(), "-q")
        .status());
    Result r = MainTest.run("search", index.toString(), "--vector", "1,2,3,4,5,6,NaN,8");
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertEquals("", r.out());
    assertEquals("hnsw4j search: error: query 0 component 6 is NaN; components must be finite",
        r.err().strip());

    float[][] bad = {queries[0], queries[1].clone()};
    bad[1][2] = Float.POSITIVE_INFINITY;
    Path badFile = dir.resolve("bad_query.fvecs");
    VectorFiles.writeFvecs(badFile, bad);
    r = MainTest.run("search", index.toString(), "--queries", badFile.toString());
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertEquals("", r.out());
    assertTrue(r.err().contains("query 1 component 2 is Infinity"), r.err());
  }

  @Test
  void groundTruthIsExact() throws Exception {
    Path gt = dir.resolve("gt.ivecs");
    Result r = MainTest.run("groundtruth", "--base", baseFile.toString(), "--queries",
        queryFile.toString(), "--metric", "l2", "--k", "20", "-o", gt.toString(), "-q");
    assertEquals(0, r.status(), r.err());
    int[][] ids = VectorFiles.readInts(VectorSource.parse(gt.toString(), null), -1);
    assertEquals(12, ids.length);
    int[][] truth = TestData.bruteForce(base, queries, 20);
    for (int q = 0; q < ids.length; q++) {
      assertEquals(truth[q][0], ids[q][0]);
    }
    assertTrue(Files.exists(dir.resolve("gt_dist.fvecs")));
  }

  @Test
  void benchComputesAndCachesGroundTruth() throws Exception {
    Path out = dir.resolve("out");
    String[] args = {"bench", "--base", baseFile.toString(), "--queries", queryFile.toString(),
        "--metric", "l2", "--m", "8", "--ef-construction", "40", "--ef", "10,40", "--k", "5",
        "--threads", "2", "--runs", "1", "--min-pass-ms", "1", "--warmup-seconds", "0", "--out",
        out.toString(), "-q"};
    Result r = MainTest.run(args);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("computed exactly and cached"), r.out());
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(3, csv.size());
    assertTrue(csv.get(2).startsWith("hnsw4j,tiny,l2,600,8,8,40,40,5,"), csv.get(2));
    double recall = Double.parseDouble(csv.get(2).split(",")[9]);
    assertTrue(recall >= 0.9, "recall " + recall);
    assertTrue(Files.size(out.resolve("plot.png")) > 10_000);

    r = MainTest.run(args);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("ground truth: cached in"), r.out());
  }

  @Test
  void benchReadsAnnBenchmarksHdf5() throws Exception {
    Path file = dir.resolve("tiny-euclidean.hdf5");
    try (WritableHdfFile hdf = HdfFile.write(file)) {
      hdf.putDataset("train", base);
      hdf.putDataset("test", queries);
      hdf.putDataset("neighbors", TestData.bruteForce(base, queries, 10));
      hdf.putAttribute("distance", "euclidean");
    }
    Result r = MainTest.run("bench", "--base", file.toString(), "--ef", "20", "--threads", "1",
        "--runs", "1", "--min-pass-ms", "1", "--warmup-seconds", "0", "--out",
        dir.resolve("h5").toString(), "-q");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("dataset tiny-euclidean: 600 base vectors, 12 queries"), r.out());
  }

  @Test
  void mismatchedDimensionsAreOneLine() throws Exception {
    Path other = dir.resolve("other.fvecs");
    VectorFiles.writeFvecs(other, TestData.clustered(5, 3, 1));
    Result r = MainTest.run("bench", "--base", baseFile.toString(), "--queries", other.toString(),
        "--metric", "l2", "--out", dir.resolve("x").toString());
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertTrue(r.err().contains("the queries have dimension 3 but the base vectors have 8"),
        r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  private static String join(float[] v) {
    StringBuilder s = new StringBuilder();
    for (float x : v) {
      s.append(s.isEmpty() ? "" : ",").append(x);
    }
    return s.toString();
  }
}
