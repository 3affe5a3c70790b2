package io.hnsw4j.spark.example;

import static org.apache.spark.sql.functions.col;

import io.hnsw4j.spark.ExactKnn;
import io.hnsw4j.spark.ExactKnnModel;
import io.hnsw4j.spark.HnswKnn;
import io.hnsw4j.spark.HnswKnnModel;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code bench}: hnsw4j-spark against Spark's BucketedRandomProjectionLSH on the same data in one
 * run, local mode, on the first {@code --base-limit} base vectors: k-NN of the query file
 * (recall@k against {@link ExactKnn}'s answers, wall time) for several shard counts and hash-table
 * counts, then the self-join of those vectors (recall@k on a seeded sample of them, wall time).
 * Writes {@code OUT/results.md} and {@code OUT/results.csv}. Each LSH step stops at a time limit
 * (hnsw4j and the exact search get a hundred times as long).
 */
final class BenchCommand {
  static final String USAGE =
      "bench --base FILE --queries FILE [--base-limit N] [--k 10] [--shards 1,2,4,8] [--m 16]"
          + " [--ef-construction 100] [--ef 100] [--lsh-tables 1,4,16] [--lsh-selfjoin-tables 1]"
          + " [--lsh-bucket-length 0.005] [--selfjoin-sample 1000] [--limit-seconds 300] --out DIR";
  private static final Set<String> OPTIONS =
      Set.of("base", "queries", "base-limit", "k", "shards", "m", "ef-construction", "ef", "lsh-tables",
          "lsh-selfjoin-tables", "lsh-bucket-length", "selfjoin-sample", "limit-seconds", "out");

  /** One line of the results. */
  record Result(String task, String method, String setting, double recall, double seconds, boolean timedOut, String note) {}

  private BenchCommand() {}

  static void run(List<String> args, PrintStream out) throws IOException {
    Options options = Options.parse(args, OPTIONS);
    int k = options.integer("k", "10", 1, 1000);
    int[] shardCounts = options.integers("shards", "1,2,4,8", 1, 4096);
    int m = options.integer("m", "16", 2, 512);
    int efConstruction = options.integer("ef-construction", "100", 1, 100_000);
    int ef = options.integer("ef", "100", 1, 100_000);
    int[] tableCounts = options.integers("lsh-tables", "1,4,16", 1, 1024);
    int[] joinTableCounts = options.integers("lsh-selfjoin-tables", "1", 1, 1024);
    double bucketLength = Double.parseDouble(options.optional("lsh-bucket-length", "0.005"));
    int limit = options.integer("limit-seconds", "300", 1, 86_400);
    Path outDir = Path.of(options.required("out"));
    float[][] all = VectorData.read(options.required("base"), "train");
    float[][] base = Arrays.copyOf(all, Math.min(all.length, options.integer("base-limit", "2000000000", 2, Integer.MAX_VALUE)));
    float[][] queries = VectorData.read(options.required("queries"), "test");
    int sampleSize = Math.min(base.length, options.integer("selfjoin-sample", "1000", 1, Integer.MAX_VALUE));
    Files.createDirectories(outDir);

    List<Result> results = new ArrayList<>();
    try (SparkSession spark = LocalSession.start("hnsw4j-spark bench", 1)) {
      int partitions = spark.sparkContext().defaultParallelism() * 2;
      Dataset<Row> items = VectorData.frame(spark, base, partitions).persist(StorageLevel.MEMORY_ONLY());
      Dataset<Row> queryFrame = VectorData.frame(spark, queries, partitions).persist(StorageLevel.MEMORY_ONLY());
      out.printf(Locale.ROOT, "%d base vectors of dimension %d, %d queries; %d cached rows%n",
          base.length, base[0].length, queries.length, items.count() + queryFrame.count());

      // Warm-up (not timed): the first jobs of a JVM pay for class loading, code generation and JIT.
      Dataset<Row> warmUp = items.limit(2000);
      new HnswKnn().setNumShards(2).fit(warmUp).transform(queryFrame.limit(100)).count();
      new LshBaseline(warmUp, bucketLength, 1, 42).nearest(queryFrame.limit(100), warmUp, queries.length, k, Double.MAX_VALUE, false);

      // The exact answers (brute force, the same shards machinery), which recall is measured against.
      ExactKnnModel exact = new ExactKnn().setMetric("l2").setK(k + 1).setNumShards(shardCounts[0]).fit(items);
      TimedRun<int[][]> exactRun = TimedRun.of(spark.sparkContext(), 100.0 * limit,
          () -> neighbors(exact.setK(k).transform(queryFrame), queries.length));
      int[][] truth = exactRun.value();
      results.add(report(out, new Result("k-NN", "ExactKnn (brute force)", "shards=" + shardCounts[0], 1.0, exactRun.seconds(), false, "")));

      // k-NN of the queries: hnsw4j-spark by number of shards; the first model (fewest shards:
      // each item searches every shard) also does the self-join.
      HnswKnnModel joinModel = null;
      for (int shards : shardCounts) {
        long start = System.nanoTime();
        HnswKnnModel model =
            new HnswKnn().setMetric("l2").setK(k).setNumShards(shards).setM(m).setEfConstruction(efConstruction).setEf(ef)
                .fit(items);
        double build = (System.nanoTime() - start) / 1e9;
        TimedRun<int[][]> search = TimedRun.of(spark.sparkContext(), 100.0 * limit, () -> neighbors(model.transform(queryFrame), queries.length));
        double bytesPerVector = directorySize(model.indexPath()) / (double) base.length;
        joinModel = joinModel == null ? model : joinModel;
        String note = String.format(Locale.ROOT, "build %.1f s; index %.0f bytes/vector", build, bytesPerVector);
        results.add(report(out, new Result("k-NN", "hnsw4j-spark", "shards=" + shards + " M=" + m + " ef=" + ef,
            search.timedOut() ? Double.NaN : Recall.mean(search.value(), truth, k), search.seconds(), search.timedOut(), note)));
      }
      // k-NN of the queries: LSH by number of hash tables (fitting it only draws the projections).
      for (int tables : tableCounts) {
        LshBaseline lsh = new LshBaseline(items, bucketLength, tables, 42);
        TimedRun<int[][]> run = TimedRun.of(spark.sparkContext(), limit,
            () -> lsh.nearest(queryFrame, items, queries.length, k, Double.MAX_VALUE, false));
        results.add(report(out, new Result("k-NN", "BucketedRandomProjectionLSH",
            "tables=" + tables + " bucketLength=" + bucketLength,
            run.timedOut() ? Double.NaN : Recall.mean(run.value(), truth, k), run.seconds(), run.timedOut(), "")));
      }

      // Self-join of the items: each item's k nearest others.
      Dataset<Row> joinFrame = items;
      int joinItems = base.length;
      out.printf(Locale.ROOT, "self-join of all %d items; recall on a sample of %d%n", joinItems, sampleSize);
      int[] sample = SelfJoinTruth.sample(joinItems, sampleSize, 42);
      int[][] joinTruth = SelfJoinTruth.of(exact.setK(k + 1), joinFrame, sample, k);
      int shards = shardCounts[0];
      // Fewer shards than cores: each search task uses the spare cores as threads.
      int threads = Math.max(1, spark.sparkContext().defaultParallelism() / shards);
      HnswKnnModel selfJoinModel = joinModel.setNumThreads(threads);
      TimedRun<int[][]> hnswJoin = TimedRun.of(spark.sparkContext(), 100.0 * limit,
          () -> SelfJoinTruth.pairsToLists(selfJoinModel.selfJoin(Double.MAX_VALUE), joinItems));
      results.add(report(out, new Result("self-join", "hnsw4j-spark", "shards=" + shards + " threads=" + threads + " M=" + m + " ef=" + ef,
          hnswJoin.timedOut() ? Double.NaN : SelfJoinTruth.recall(hnswJoin.value(), sample, joinTruth, k),
          hnswJoin.seconds(), hnswJoin.timedOut(), "the k-NN model above; its build not counted")));
      for (int tables : joinTableCounts) {
        LshBaseline lsh = new LshBaseline(joinFrame, bucketLength, tables, 42);
        TimedRun<int[][]> run = TimedRun.of(spark.sparkContext(), limit,
            () -> lsh.nearest(joinFrame, joinFrame, joinItems, k, Double.MAX_VALUE, true));
        results.add(report(out, new Result("self-join", "BucketedRandomProjectionLSH",
            "tables=" + tables + " bucketLength=" + bucketLength,
            run.timedOut() ? Double.NaN : SelfJoinTruth.recall(run.value(), sample, joinTruth, k),
            run.seconds(), run.timedOut(), "")));
      }
    }
    BenchReport.write(outDir, results, k);
    out.println("wrote " + outDir.resolve("results.md") + " and results.csv");
  }

  private static Result report(PrintStream out, Result result) {
    out.printf(Locale.ROOT, "%-22s %-28s %-32s recall@k %s  %8.1f s%s %s%n", result.task(), result.method(), result.setting(),
        Double.isNaN(result.recall()) ? "   -  " : String.format(Locale.ROOT, "%.4f", result.recall()),
        result.seconds(), result.timedOut() ? " (time limit)" : "", result.note());
    return result;
  }

  /** The neighbours column of a transform of queries with ids 0..n-1, as ids by query. */
  static int[][] neighbors(Dataset<Row> transformed, int n) {
    int[][] found = new int[n][];
    for (Row row : transformed.select("id", "neighbors").collectAsList()) {
      List<Row> list = row.getList(1);
      found[(int) row.getLong(0)] = list.stream().mapToInt(r -> (int) r.getLong(0)).toArray();
    }
    return found;
  }

  private static long directorySize(String uri) throws IOException {
    try (Stream<Path> files = Files.walk(Path.of(URI.create(uri)))) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  /** Exact neighbours for a sample of items (themselves excluded), and recall of self-join lists against them. */
  static final class SelfJoinTruth {
    private SelfJoinTruth() {}

    static int[] sample(int n, int size, long seed) {
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        all.add(i);
      }
      java.util.Collections.shuffle(all, new java.util.Random(seed));
      return all.subList(0, size).stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Row i: the k nearest other items of item sample[i]. */
    static int[][] of(ExactKnnModel exact, Dataset<Row> items, int[] sample, int k) {
      Object[] ids = Arrays.stream(sample).mapToObj(i -> (long) i).toArray();
      int[][] byId = neighbors(exact.transform(items.where(col("id").isin(ids))), sample[sample.length - 1] + 1);
      int[][] out = new int[sample.length][];
      for (int i = 0; i < sample.length; i++) {
        int self = sample[i];
        out[i] = Arrays.stream(byId[self]).filter(id -> id != self).limit(k).toArray();
      }
      return out;
    }

    static int[][] pairsToLists(Dataset<Row> pairs, int n) {
      List<List<Integer>> lists = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        lists.add(new ArrayList<>());
      }
      for (Row row : pairs.orderBy("id", "distance").collectAsList()) {
        lists.get((int) row.getLong(0)).add((int) row.getLong(1));
      }
      return lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    static double recall(int[][] found, int[] sample, int[][] truth, int k) {
      int[][] sampled = Arrays.stream(sample).mapToObj(i -> found[i] == null ? new int[0] : found[i]).toArray(int[][]::new);
      return Recall.mean(sampled, truth, k);
    }
  }
}
