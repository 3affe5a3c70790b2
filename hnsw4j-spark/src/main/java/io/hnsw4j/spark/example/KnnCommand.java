package io.hnsw4j.spark.example;

import io.hnsw4j.datasets.VectorFiles;
import io.hnsw4j.spark.HnswKnn;
import io.hnsw4j.spark.HnswKnnModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code knn}: fits {@link HnswKnn} on a base file in local mode, searches a query file, writes
 * {@code OUT/neighbors.ivecs} (row i: the base row numbers of query i's neighbours, nearest first)
 * and, given ground truth, prints {@code recall@K = ...}.
 */
final class KnnCommand {
  static final String USAGE =
      "knn --base FILE --queries FILE [--groundtruth FILE] --metric l2|cosine|ip --k K --shards S"
          + " [--threads T] [--m 16] [--ef-construction 200] [--ef 100] --out DIR";
  private static final Set<String> OPTIONS =
      Set.of("base", "queries", "groundtruth", "metric", "k", "shards", "threads", "m", "ef-construction", "ef", "out");

  private KnnCommand() {}

  static void run(List<String> args, PrintStream out) throws IOException {
    Options options = Options.parse(args, OPTIONS);
    String metric = options.metric();
    int k = options.integer("k", null, 1, 10_000);
    int shards = options.integer("shards", null, 1, 1 << 20);
    int threads = options.integer("threads", "1", 1, 4096);
    int m = options.integer("m", "16", 2, 512);
    int efConstruction = options.integer("ef-construction", "200", 1, 100_000);
    int ef = options.integer("ef", "100", 1, 100_000);
    Path outDir = Path.of(options.required("out"));
    float[][] base = VectorData.read(options.required("base"), "train");
    float[][] queries = VectorData.read(options.required("queries"), "test");
    int[][] truth = options.has("groundtruth") ? VectorData.readIds(options.optional("groundtruth", null)) : null;
    if (truth != null && truth.length < queries.length) {
      throw new Options.UsageException(
          "--groundtruth has " + truth.length + " rows for " + queries.length + " queries");
    }

    try (SparkSession spark = LocalSession.start("hnsw4j-spark knn", threads)) {
      int partitions = Math.max(shards, spark.sparkContext().defaultParallelism());
      long start = System.nanoTime();
      HnswKnnModel model =
          new HnswKnn().setMetric(metric).setK(k).setNumShards(shards).setNumThreads(threads)
              .setM(m).setEfConstruction(efConstruction).setEf(ef)
              .fit(VectorData.frame(spark, base, partitions));
      double buildSeconds = seconds(start);
      start = System.nanoTime();
      List<Row> rows = model.transform(VectorData.frame(spark, queries, partitions)).select("id", "neighbors").collectAsList();
      double searchSeconds = seconds(start);

      int[][] found = new int[queries.length][];
      for (Row row : rows) {
        List<Row> neighbors = row.getList(1);
        found[(int) row.getLong(0)] = neighbors.stream().mapToInt(n -> (int) n.getLong(0)).toArray();
      }
      Files.createDirectories(outDir);
      VectorFiles.writeIvecs(outDir.resolve("neighbors.ivecs"), found);
      out.printf(Locale.ROOT, "base %d x %d, %d queries, metric %s, %d shards, %d threads per task%n",
          base.length, base[0].length, queries.length, metric, shards, threads);
      out.printf(Locale.ROOT, "build %.2f s, search %.2f s (%.0f queries/s)%n",
          buildSeconds, searchSeconds, queries.length / searchSeconds);
      out.println("wrote " + outDir.resolve("neighbors.ivecs"));
      if (truth != null) {
        out.printf(Locale.ROOT, "recall@%d = %.4f%n", k, Recall.mean(found, truth, k));
      }
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
