package io.hnsw4j.bench;

import io.hnsw4j.DataDiagnostics;
import io.hnsw4j.ExactIndex;
import io.hnsw4j.InsertionOrder;
import io.hnsw4j.IntrinsicDimensionality;
import io.hnsw4j.Metric;
import io.hnsw4j.SearchResult;
import io.hnsw4j.datasets.VectorFiles;
import io.hnsw4j.datasets.VectorSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The experiment of Elliott and Clark (2024) on hnsw4j: recall@k at fixed M, efConstruction and ef
 * for each insertion order, over several seeds. Each build is single-threaded (so it is exactly the
 * sequence the order gives) and builds run side by side on {@code --jobs} threads. The LID orders
 * are computed once per data set ({@link InsertionOrder#permutation}, as {@code addAll} does) and
 * every build inserts the rows in that sequence. Writes {@code results.csv} and {@code summary.md}.
 */
@Command(name = "hnsw4j-order-bench", mixinStandardHelpOptions = true,
    description = "Recall of hnsw4j by insertion order (given, random, LID ascending, LID descending).")
public final class InsertionOrderBench implements Callable<Integer> {
  @Option(names = "--name", required = true, description = "Data set name for the report.")
  String name;

  @Option(names = "--base", required = true, description = "Base vectors (any format the datasets module reads).")
  String base;

  @Option(names = "--queries", required = true, description = "Query vectors.")
  String queries;

  @Option(names = "--metric", required = true, description = "l2, cosine or ip.")
  String metricName;

  @Option(names = "--sample", defaultValue = "0",
      description = "Use a random sample of N base vectors, kept in file order (0: all).")
  int sample;

  @Option(names = "--data-seed", defaultValue = "7", description = "Seed of the base sample.")
  long dataSeed;

  @Option(names = "--query-limit", defaultValue = "1000", description = "Use the first N queries.")
  int queryLimit;

  @Option(names = "--m", defaultValue = "16", description = "M.")
  int m;

  @Option(names = "--ef-construction", split = ",", defaultValue = "100,200", description = "efConstruction values.")
  int[] efConstructions;

  @Option(names = "--ef", split = ",", defaultValue = "10,20,40,80", description = "Search beam widths.")
  int[] efs;

  @Option(names = "--k", defaultValue = "10", description = "Neighbours per query (recall@k).")
  int k;

  @Option(names = "--orders", split = ",", defaultValue = "GIVEN,RANDOM,LID_ASCENDING,LID_DESCENDING",
      description = "Insertion orders.")
  InsertionOrder[] orders;

  @Option(names = "--seeds", split = ",", defaultValue = "1,2,3,4,5", description = "Build seeds.")
  long[] seeds;

  @Option(names = "--jobs", defaultValue = "2", description = "Builds run side by side (each on one thread).")
  int jobs;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new InsertionOrderBench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    Metric metric = Metric.byName(metricName);
    float[][] data = sample(VectorFiles.readFloats(VectorSource.parse(base, null).withDefaultDataset("train"), -1));
    float[][] qs = VectorFiles.readFloats(VectorSource.parse(queries, null).withDefaultDataset("test"), queryLimit);
    Files.createDirectories(out);
    log("%s: %d base vectors of dimension %d, %d queries, %s", name, data.length, data[0].length, qs.length, metric);

    long start = System.nanoTime();
    int[][] truth = groundTruth(data, qs, metric);
    log("ground truth in %.1f s", seconds(start));

    start = System.nanoTime();
    DataDiagnostics diagnostics = DataDiagnostics.of(data, metric, IntrinsicDimensionality.DEFAULT_K, 2000, 1, jobs);
    log("diagnostics (sample 2000) in %.1f s: mean LID %.2f, hubness %.2f", seconds(start),
        diagnostics.lid().mean(), diagnostics.hubness().skewness());

    OrderRuns runs = new OrderRuns(data, qs, truth, metric, m, efs, k);
    List<String> lidNotes = new ArrayList<>();
    for (InsertionOrder order : orders) {
      if (order.estimatesLid()) {
        start = System.nanoTime();
        runs.fixPermutation(order, order.permutation(data, metric, 42, jobs));
        lidNotes.add(String.format(Locale.ROOT, "%s permutation in %.1f s (%d threads)", order, seconds(start), jobs));
        log("%s", lidNotes.getLast());
      }
    }
    String lidCheck = lidNotes.isEmpty() ? "no LID order measured" : lidCheck(data, metric);
    log("%s", lidCheck);

    List<OrderRuns.Row> rows = runs.run(efConstructions, orders, seeds, jobs, this::log);
    OrderReport.writeCsv(out.resolve("results.csv"), name, data.length, data[0].length, metric, m, rows);
    OrderReport.writeSummary(out.resolve("summary.md"), name, data.length, data[0].length, qs.length, metric, m, k,
        diagnostics, lidNotes, lidCheck, rows);
    log("wrote %s", out.resolve("summary.md"));
    return 0;
  }

  /** A seeded sample of the base, rows kept in file order (which GIVEN then follows). */
  private float[][] sample(float[][] all) {
    if (sample <= 0 || sample >= all.length) {
      return all;
    }
    SplittableRandom random = new SplittableRandom(dataSeed);
    int[] rows = IntStream.range(0, all.length).toArray();
    for (int i = 0; i < sample; i++) {
      int j = i + random.nextInt(all.length - i);
      int swap = rows[i];
      rows[i] = rows[j];
      rows[j] = swap;
    }
    int[] chosen = Arrays.copyOf(rows, sample);
    Arrays.sort(chosen);
    float[][] out = new float[sample][];
    for (int i = 0; i < sample; i++) {
      out[i] = all[chosen[i]];
    }
    return out;
  }

  private int[][] groundTruth(float[][] data, float[][] qs, Metric metric) {
    try (ExactIndex exact = ExactIndex.create(data[0].length, metric)) {
      exact.addAll(IntStream.range(0, data.length).asLongStream().toArray(), data, jobs);
      List<List<SearchResult>> hits = exact.searchBatch(qs, k, 1, jobs);
      return hits.stream().map(h -> h.stream().mapToInt(r -> (int) r.id()).toArray()).toArray(int[][]::new);
    }
  }

  /**
   * How close the LID that orders a bulk build (every point's, from a provisional graph above
   * 20,000 points) comes to the LID from exact neighbours, on 1,000 sampled points.
   */
  private String lidCheck(float[][] data, Metric metric) {
    long start = System.nanoTime();
    double[] every = IntrinsicDimensionality.ofEveryPoint(data, metric, IntrinsicDimensionality.DEFAULT_K, 42, jobs);
    double everySeconds = seconds(start);
    int[] rows = new SplittableRandom(3).ints(1000, 0, data.length).toArray();
    start = System.nanoTime();
    double[] exact = IntrinsicDimensionality.ofRows(data, rows, metric, IntrinsicDimensionality.DEFAULT_K, jobs);
    double exactSeconds = seconds(start);
    double sumDiff = 0;
    double sumEvery = 0;
    double sumExact = 0;
    int count = 0;
    for (int i = 0; i < rows.length; i++) {
      double a = every[rows[i]];
      double b = exact[i];
      if (Double.isFinite(a) && Double.isFinite(b)) {
        sumDiff += Math.abs(a - b) / b;
        sumEvery += a;
        sumExact += b;
        count++;
      }
    }
    return String.format(Locale.ROOT,
        "LID of every point (%s) in %.1f s; on 1000 sampled points: mean %.3f against %.3f from exact"
            + " neighbours (%.1f s), mean |relative difference| %.4f, correlation %.4f",
        data.length > 20_000 ? "provisional graph" : "exact", everySeconds, sumEvery / count, sumExact / count,
        exactSeconds, sumDiff / count, correlation(every, rows, exact));
  }

  private static double correlation(double[] every, int[] rows, double[] exact) {
    double[] a = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      a[i] = every[rows[i]];
    }
    double ma = Arrays.stream(a).filter(Double::isFinite).average().orElse(0);
    double mb = Arrays.stream(exact).filter(Double::isFinite).average().orElse(0);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      if (Double.isFinite(a[i]) && Double.isFinite(exact[i])) {
        sab += (a[i] - ma) * (exact[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (exact[i] - mb) * (exact[i] - mb);
      }
    }
    return sab / Math.sqrt(saa * sbb);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private void log(String format, Object... args) {
    System.err.println(String.format(Locale.ROOT, format, args));
  }
}
