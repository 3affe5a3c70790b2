package io.hnsw4j.cli.bench;

import io.hnsw4j.Metric;
import io.hnsw4j.cli.CliException;
import io.hnsw4j.cli.MetricConverter;
import io.hnsw4j.datasets.VectorFiles;
import io.hnsw4j.datasets.VectorFormat;
import io.hnsw4j.datasets.VectorSource;
import io.hnsw4j.cli.progress.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A whole benchmark as {@code hnsw4j bench} and the peer harness run it: load the data, find or
 * compute the ground truth, measure each library, write results.csv, results.md and plot.png.
 */
public final class BenchJob {
  private final BenchOptions options;
  private final PrintStream out;
  private final Progress progress;

  public BenchJob(BenchOptions options, PrintStream out, Progress progress) {
    this.options = options;
    this.out = out;
    this.progress = progress;
  }

  /**
   * Measures one library on the prepared data. The default runs it in this JVM; the peer
   * harness can run each in a JVM of its own, handing it the ground truth by {@code truthFile},
   * the name this job caches it under in its output folder.
   */
  @FunctionalInterface
  public interface Measurement {
    List<BenchRow> measure(AnnLibrary library, Dataset data, String truthFile) throws Exception;
  }

  /** Runs every library in turn on the same data and writes the results; returns the rows. */
  public List<BenchRow> run(List<AnnLibrary> libraries) throws Exception {
    return run(libraries, null);
  }

  /** As {@link #run(List)}, each library measured by {@code measurement} (null: in this JVM). */
  public List<BenchRow> run(List<AnnLibrary> libraries, Measurement measurement) throws Exception {
    VectorSource baseSource = VectorSource.parse(options.base, options.format)
        .withDefaultDataset("train");
    if (options.queries == null && baseSource.format() != VectorFormat.HDF5) {
      throw new CliException("--queries is required unless --base is an ann-benchmarks HDF5 file");
    }
    VectorSource querySource = options.queries == null
        ? new VectorSource(baseSource.file(), VectorFormat.HDF5, "test")
        : VectorSource.parse(options.queries, options.format).withDefaultDataset("test");
    Metric metric = options.metric != null
        ? options.metric
        : MetricConverter.fromAnnBenchmarks(VectorFiles.declaredMetric(baseSource));
    if (metric == null) {
      throw new CliException("--metric is required (l2, cosine or ip)");
    }
    if (Files.exists(options.out) && !Files.isDirectory(options.out)) {
      throw new CliException("--out " + options.out + " is not a directory");
    }
    Files.createDirectories(options.out);
    float[][] base = VectorFiles.readFloats(baseSource, allOr(options.limit));
    float[][] queries = VectorFiles.readFloats(querySource, allOr(options.queryLimit));
    if (queries[0].length != base[0].length) {
      throw new CliException("the queries have dimension " + queries[0].length
          + " but the base vectors have " + base[0].length);
    }
    String name = options.name != null ? options.name : datasetName(baseSource.file());
    out.printf(Locale.ROOT, "dataset %s: %d base vectors, %d queries, dimension %d, metric %s%n",
        name, base.length, queries.length, base[0].length, metric);
    BenchSettings settings = new BenchSettings(metric, options.m, options.efConstruction,
        options.efs, options.k, options.threadCount(), options.runs, options.warmup,
        options.minPassMs / 1000.0, options.warmupSeconds, options.seed);
    int[][] truth = groundTruth(baseSource, base, queries, metric, name);
    Dataset data = new Dataset(name, base, queries, truth);

    double bandwidth = MemoryBandwidth.measureGBs();
    out.printf(Locale.ROOT, "memory bandwidth: %.1f GB/s (one thread, sequential read)%n", bandwidth);
    BenchRunner runner = new BenchRunner(settings, progress, out, bandwidth);
    Measurement measure = measurement != null ? measurement : (library, d, t) -> runner.run(library, d);
    String truthFile = truthCacheName(name, metric, base.length, queries.length, options.k);
    List<BenchRow> rows = new ArrayList<>();
    for (AnnLibrary library : libraries) {
      rows.addAll(measure.measure(library, data, truthFile));
      System.gc();
    }
    Path csv = options.out.resolve("results.csv");
    Path md = options.out.resolve("results.md");
    Path png = options.out.resolve("plot.png");
    ResultsCsv.write(csv, rows);
    String report = MarkdownReport.render(rows, settings.threads(), machine());
    Files.writeString(md, report);
    RecallQpsPlot.write(png, rows, String.format(Locale.ROOT, "%s (n = %d, dim = %d, %s),"
        + " M = %d, efConstruction = %d", name, base.length, base[0].length, metric,
        settings.m(), settings.efConstruction()));
    out.println();
    out.print(report);
    out.println();
    out.println("wrote " + csv + ", " + md + " and " + png);
    return rows;
  }

  private int[][] groundTruth(VectorSource baseSource, float[][] base, float[][] queries,
      Metric metric, String name) throws IOException {
    int k = options.k;
    VectorSource given = null;
    if (options.groundTruth != null) {
      VectorSource source = VectorSource.parse(options.groundTruth, null)
          .withDefaultDataset("neighbors");
      if (Files.exists(source.file())) {
        if (options.limit != null) {
          throw new CliException("--limit changes the base, so the neighbours in "
              + source.file() + " do not apply; leave out --groundtruth to compute them");
        }
        given = source;
      }
    } else if (baseSource.format() == VectorFormat.HDF5 && options.limit == null) {
      given = new VectorSource(baseSource.file(), VectorFormat.HDF5, "neighbors");
    }
    if (given != null) {
      int[][] truth = VectorFiles.readInts(given, -1);
      return checked(truth, queries.length, k, given.toString());
    }
    Path cache = options.groundTruth != null
        ? Path.of(options.groundTruth)
        : options.out.resolve(truthCacheName(name, metric, base.length, queries.length, k));
    if (options.groundTruth == null && Files.exists(cache)) {
      out.println("ground truth: cached in " + cache);
      return checked(VectorFiles.readInts(VectorSource.parse(cache.toString(), null), -1),
          queries.length, k, cache.toString());
    }
    GroundTruth computed =
        GroundTruth.compute(base, queries, metric, k, options.threadCount(), progress);
    VectorFiles.writeIvecs(cache, computed.ids());
    out.println("ground truth: computed exactly and cached in " + cache);
    return computed.ids();
  }

  /** The file in --out that caches the exact neighbours when --groundtruth is not given. */
  static String truthCacheName(String name, Metric metric, int n, int queries, int k) {
    return String.format(Locale.ROOT, "groundtruth-%s-%s-n%d-q%d-k%d.ivecs", name, metric, n, queries, k);
  }

  // VectorFiles reads every row for a negative limit.
  private static int allOr(Integer limit) {
    return limit != null ? limit : -1;
  }

  private static int[][] checked(int[][] truth, int queries, int k, String where) {
    if (truth.length < queries) {
      throw new CliException(where + " has neighbours for " + truth.length
          + " queries, but there are " + queries);
    }
    if (truth[0].length < k) {
      throw new CliException(where + " has " + truth[0].length + " neighbours per query; --k "
          + k + " needs at least " + k);
    }
    return truth.length == queries ? truth : java.util.Arrays.copyOf(truth, queries);
  }

  /** "sift" from "sift_base.fvecs", "glove-100" from "glove-100.hdf5". */
  static String datasetName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    if (dot > 0) {
      name = name.substring(0, dot);
    }
    for (String suffix : List.of("_base", "-base", "_train", "-train")) {
      if (name.endsWith(suffix) && name.length() > suffix.length()) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }

  /** One line on where the numbers were measured. */
  public static String machine() {
    return String.format(Locale.ROOT, "Measured on %s: %d cores, Java %s (%s), %s %s.",
        LocalDate.now(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), System.getProperty("java.vm.name"),
        System.getProperty("os.name"), System.getProperty("os.arch"));
  }
}
