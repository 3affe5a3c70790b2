package io.hnsw4j.cli.bench;

import io.hnsw4j.Metric;
import io.hnsw4j.cli.FormatConverter;
import io.hnsw4j.cli.MetricConverter;
import io.hnsw4j.cli.NumberConverters;
import io.hnsw4j.datasets.VectorFormat;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of {@code hnsw4j bench}, shared with the peer harness so both take the same
 * command line. The names are an interface that scripts rely on: add, never rename. Numbers are
 * range-checked as they are read ({@link NumberConverters}).
 */
public final class BenchOptions {
  @Option(names = "--base", required = true, paramLabel = "FILE",
      description = "Base vectors (fvecs, bvecs, fbin, u8bin, npy, IDX, or FILE.hdf5[:train]).")
  public String base;

  @Option(names = "--queries", paramLabel = "FILE",
      description = "Query vectors (same formats; FILE.hdf5[:test]); for an HDF5 --base, its"
          + " test dataset by default.")
  public String queries;

  @Option(names = "--groundtruth", paramLabel = "FILE",
      description = "Exact neighbour ids (ivecs, ibin or FILE.hdf5[:neighbors]); computed and"
          + " written here when the file is missing.")
  public String groundTruth;

  @Option(names = "--metric", paramLabel = "l2|cosine|ip", converter = MetricConverter.class,
      description = "Distance; may be left out for an HDF5 file that declares it.")
  public Metric metric;

  @Option(names = "--m", defaultValue = "16", paramLabel = "M",
      converter = NumberConverters.Links.class, description = "Links per node (default: ${DEFAULT-VALUE}).")
  public int m;

  @Option(names = "--ef-construction", defaultValue = "100", paramLabel = "EF",
      converter = NumberConverters.BeamWidth.class, description = "Build beam width (default: ${DEFAULT-VALUE}).")
  public int efConstruction;

  @Option(names = "--ef", split = ",", defaultValue = "10,20,40,80,120,200,400,800",
      paramLabel = "EF", converter = NumberConverters.BeamWidth.class,
      description = "Search beam widths to sweep (default: ${DEFAULT-VALUE}).")
  public int[] efs;

  @Option(names = "--k", defaultValue = "10", converter = NumberConverters.BeamWidth.class,
      description = "Neighbours per query; recall@k"
      + " (default: ${DEFAULT-VALUE}).")
  public int k;

  @Option(names = "--threads", paramLabel = "N", converter = NumberConverters.Threads.class,
      description = "Threads for the multi-threaded build and QPS (default: all cores).")
  public Integer threads;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Writes results.csv, results.md and plot.png here.")
  public Path out;

  @Option(names = "--name", description = "Dataset name in the results (default: from --base).")
  public String name;

  @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
      completionCandidates = FormatConverter.Names.class,
      description = "Format of --base and --queries when their names do not tell:"
          + " ${COMPLETION-CANDIDATES}.")
  public VectorFormat format;

  @Option(names = "--limit", paramLabel = "N", converter = NumberConverters.Positive.class,
      description = "Use only the first N base vectors (ground truth is then computed;"
          + " default: all).")
  public Integer limit;

  @Option(names = "--query-limit", paramLabel = "N", converter = NumberConverters.Positive.class,
      description = "Use only the first N queries (default: all).")
  public Integer queryLimit;

  @Option(names = "--runs", defaultValue = "3", converter = NumberConverters.Positive.class,
      description = "Timed passes per measurement, median reported (default: ${DEFAULT-VALUE}).")
  public int runs;

  @Option(names = "--warmup", defaultValue = "1", paramLabel = "PASSES",
      converter = NumberConverters.NonNegative.class, description = "Untimed passes over the queries at each ef (default: ${DEFAULT-VALUE}).")
  public int warmup;

  @Option(names = "--min-pass-ms", defaultValue = "200", paramLabel = "MS",
      converter = NumberConverters.NonNegative.class, description = "Repeat the queries within a timed pass until it lasts this long"
          + " (default: ${DEFAULT-VALUE}).")
  public int minPassMs;

  @Option(names = "--warmup-seconds", defaultValue = "2", paramLabel = "S",
      converter = NumberConverters.Seconds.class, description = "Before the sweep, run queries at every ef for this long (default:"
          + " ${DEFAULT-VALUE}).")
  public double warmupSeconds;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  public long seed;

  /** {@return --threads, or the number of cores when it is not given} */
  public int threadCount() {
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }
}
