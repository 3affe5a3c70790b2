package io.hnsw4j.bench;

import io.hnsw4j.Metric;
import io.hnsw4j.cli.Main;
import io.hnsw4j.cli.MetricConverter;
import io.hnsw4j.cli.NumberConverters;
import io.hnsw4j.cli.bench.AnnLibrary;
import io.hnsw4j.cli.bench.AnnLibrary.BuildRequest;
import io.hnsw4j.cli.bench.BenchRunner;
import io.hnsw4j.cli.progress.Progress;
import io.hnsw4j.datasets.VectorFiles;
import io.hnsw4j.datasets.VectorSource;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Build times of several libraries, interleaved: each round builds every library once per thread
 * count, starting each round with the next library, so that a machine that slows down or speeds
 * up during the run weighs on all of them alike; medians over the rounds and their ratios to the
 * first library. The peer harness times one build per library, which on a shared machine moves
 * by a third from run to run.
 */
@Command(name = "hnsw4j-build-race", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Times the builds of hnsw4j and its peers, interleaved round by round.")
public final class BuildRace implements Callable<Integer> {
  @Option(names = "--base", required = true, paramLabel = "FILE", description = "Base vectors (any format the harness reads).")
  String base;

  @Option(names = "--limit", paramLabel = "N", converter = NumberConverters.Positive.class, description = "Use only the first N vectors (default: all).")
  Integer limit;

  @Option(names = "--metric", required = true, paramLabel = "l2|cosine|ip", converter = MetricConverter.class,
      description = "Distance.")
  Metric metric;

  @Option(names = "--m", defaultValue = "16", converter = NumberConverters.Links.class, description = "Links per node (default: ${DEFAULT-VALUE}).")
  int m;

  @Option(names = "--ef-construction", defaultValue = "100", converter = NumberConverters.BeamWidth.class, description = "Build beam width (default: ${DEFAULT-VALUE}).")
  int efConstruction;

  @Option(names = "--threads", split = ",", defaultValue = "1,2", paramLabel = "N",
      converter = NumberConverters.Threads.class,
      description = "Thread counts to build with (default: ${DEFAULT-VALUE}).")
  int[] threads;

  @Option(names = "--rounds", defaultValue = "3", converter = NumberConverters.Positive.class, description = "Builds per library and thread count (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--libs", split = ",", defaultValue = "hnsw4j,hnswlib", paramLabel = "LIB",
      description = "Libraries, as the harness's --libs names them (default: ${DEFAULT-VALUE}); ratios are to the first.")
  List<String> libs;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  private final PrintStream out;

  BuildRace(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    return Main.run(new BuildRace(out), args, out, err);
  }

  @Override
  public Integer call() throws Exception {
    List<AnnLibrary> libraries = PeerBench.libraries(libs);
    float[][] vectors = VectorFiles.readFloats(VectorSource.parse(base, null), limit != null ? limit : -1);
    out.printf(Locale.ROOT, "%d vectors of dimension %d, %s, M = %d, efConstruction = %d%n",
        vectors.length, vectors[0].length, metric, m, efConstruction);
    float[][] warmUp = Arrays.copyOf(vectors, Math.min(vectors.length, BenchRunner.BUILD_WARMUP_VECTORS));
    for (AnnLibrary library : libraries) {
      for (int i = 0; i < 2; i++) {
        build(library, warmUp, threads[threads.length - 1]); // compiles a JVM library's insert path
      }
    }
    double[][][] seconds = new double[libraries.size()][threads.length][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int t = 0; t < threads.length; t++) {
        for (int i = 0; i < libraries.size(); i++) {
          int l = (i + round) % libraries.size();
          AnnLibrary library = libraries.get(l);
          if (threads[t] > 1 && !library.buildsWithThreads()) {
            seconds[l][t][round] = Double.NaN;
            continue;
          }
          seconds[l][t][round] = build(library, vectors, threads[t]);
          out.printf(Locale.ROOT, "round %d: %s, %d thread(s): %.2f s%n",
              round + 1, library.name(), threads[t], seconds[l][t][round]);
        }
      }
    }
    out.println();
    out.print(table(libraries, seconds));
    return 0;
  }

  private double build(AnnLibrary library, float[][] vectors, int threadCount) throws Exception {
    System.gc(); // the previous build's garbage is not this one's cost
    BuildRequest request = new BuildRequest(vectors, metric, m, efConstruction, seed, threadCount, Progress.silent());
    long start = System.nanoTime();
    try (AnnLibrary.BuiltIndex index = library.build(request)) {
      return (System.nanoTime() - start) / 1e9;
    }
  }

  /** Medians, each round's times, and the ratio of each median to the first library's. */
  String table(List<AnnLibrary> libraries, double[][][] seconds) {
    StringBuilder table = new StringBuilder(
        "| library | threads | median (s) | rounds (s) | median / first library's |\n|---|---:|---:|---|---:|\n");
    for (int t = 0; t < threads.length; t++) {
      double first = BenchRunner.median(seconds[0][t]);
      for (int l = 0; l < libraries.size(); l++) {
        List<String> each = new ArrayList<>();
        for (double s : seconds[l][t]) {
          each.add(String.format(Locale.ROOT, "%.2f", s));
        }
        double median = BenchRunner.median(seconds[l][t]);
        table.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %s | %.2f |%n", libraries.get(l).name(),
            threads[t], median, String.join(", ", each), median / first));
      }
    }
    return table.toString();
  }
}
