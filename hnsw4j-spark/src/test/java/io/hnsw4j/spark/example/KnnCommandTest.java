package io.hnsw4j.spark.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.datasets.VectorFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example a user runs first: bin/hnsw4j-spark knn on vector files, in local mode. */
class KnnCommandTest {
  @TempDir Path dir;

  private record Outcome(int status, String out, String err) {}

  private static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static float[][] random(int n, int dimension, long seed) {
    Random random = new Random(seed);
    float[][] out = new float[n][dimension];
    for (float[] v : out) {
      for (int j = 0; j < dimension; j++) {
        v[j] = (float) random.nextGaussian();
      }
    }
    return out;
  }

  private static double squaredDistance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
    }
    return sum;
  }

  @Test
  void findsTheNeighboursOfVectorFilesAndReportsRecall() throws IOException {
    float[][] base = random(600, 8, 1);
    float[][] queries = random(25, 8, 2);
    int[][] truth = new int[queries.length][];
    for (int q = 0; q < queries.length; q++) {
      float[] query = queries[q];
      truth[q] = IntStream.range(0, base.length).boxed()
          .sorted(Comparator.comparingDouble(i -> squaredDistance(base[i], query)))
          .limit(10).mapToInt(Integer::intValue).toArray();
    }
    VectorFiles.writeFvecs(dir.resolve("base.fvecs"), base);
    VectorFiles.writeFvecs(dir.resolve("query.fvecs"), queries);
    VectorFiles.writeIvecs(dir.resolve("gt.ivecs"), truth);

    Outcome outcome = run("knn", "--base", dir.resolve("base.fvecs").toString(), "--queries", dir.resolve("query.fvecs").toString(),
        "--groundtruth", dir.resolve("gt.ivecs").toString(), "--metric", "l2", "--k", "10", "--shards", "3",
        "--threads", "1", "--ef", "300", "--out", dir.resolve("out").toString());
    assertEquals(0, outcome.status(), outcome.err());
    // ef 300 covers each shard of about 200 vectors: the search is exhaustive, so the answers are exact.
    assertTrue(outcome.out().contains("recall@10 = 1.0000"), outcome.out());
    assertTrue(outcome.out().contains("base 600 x 8, 25 queries, metric l2, 3 shards"), outcome.out());
    int[][] written = VectorFiles.readIntsAll(dir.resolve("out/neighbors.ivecs"));
    assertEquals(queries.length, written.length);
    for (int q = 0; q < queries.length; q++) {
      assertArrayEquals(truth[q], written[q], "query " + q + ": " + Arrays.toString(written[q]));
    }
  }

  @Test
  void mistakesSayWhatIsWrong() throws IOException {
    Outcome noMetric = run("knn", "--base", "b.fvecs", "--queries", "q.fvecs", "--k", "10", "--shards", "2", "--out", "o");
    assertEquals(2, noMetric.status());
    assertTrue(noMetric.err().contains("--metric is required"), noMetric.err());

    Outcome badShards = run("knn", "--metric", "l2", "--k", "10", "--shards", "zero", "--out", "o");
    assertEquals(2, badShards.status());
    assertTrue(badShards.err().contains("--shards must be an integer, got 'zero'"), badShards.err());

    Outcome unknown = run("knn", "--bogus", "1");
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("unknown option '--bogus'"), unknown.err());

    Outcome missingFile = run("knn", "--base", dir.resolve("absent.fvecs").toString(), "--queries", "q.fvecs",
        "--metric", "cosine", "--k", "5", "--shards", "2", "--out", dir.resolve("o").toString());
    assertEquals(1, missingFile.status());
    assertTrue(missingFile.err().contains("absent.fvecs"), missingFile.err());

    assertEquals(2, run().status());
    assertEquals(2, run("cluster").status());
  }
}
