package io.hnsw4j.bench;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.NodeOrder;
import io.hnsw4j.OpenOptions;
import io.hnsw4j.datasets.VectorFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Single-thread QPS of one saved index in two node orders, side by side in one JVM: the file as
 * it is and a copy saved in another {@link NodeOrder}, both opened the same way, timed in
 * alternating passes over the queries (the first layout first in even rounds, second in odd), so
 * that drift of the machine falls on both alike. Reports the median QPS of each at each ef.
 */
@Command(name = "hnsw4j-layout-bench", mixinStandardHelpOptions = true,
    description = "Single-thread QPS of an index as saved against the same index renumbered.")
public final class LayoutBench implements Callable<Integer> {
  @Option(names = "--index", required = true, description = "A saved index (as built).")
  Path index;

  @Option(names = "--queries", required = true, description = "Query vectors.")
  Path queries;

  @Option(names = "--ef", split = ",", defaultValue = "20,40,80,160", description = "Beam widths.")
  int[] efs;

  @Option(names = "--k", defaultValue = "10", description = "Neighbours per query.")
  int k;

  @Option(names = "--rounds", defaultValue = "7", description = "Timed passes of each layout at each ef.")
  int rounds;

  @Option(names = "--order", defaultValue = "GORDER", description = "The other order: ${COMPLETION-CANDIDATES}.")
  NodeOrder order;

  @Option(names = "--mmap", description = "Open both files memory-mapped instead of onto the heap.")
  boolean mapped;

  /**
   * Runs the benchmark.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new LayoutBench()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    float[][] qs = VectorFiles.readAll(queries, Integer.MAX_VALUE);
    Path renumbered = Files.createTempFile(index.toAbsolutePath().getParent(), "layout-bench-", ".hnsw");
    try {
      try (HnswIndex source = HnswIndex.open(index)) {
        long start = System.nanoTime();
        source.save(renumbered, order);
        System.out.printf(Locale.ROOT, "saved %s in %.2f s%n", order, (System.nanoTime() - start) / 1e9);
      }
      OpenOptions options = mapped ? OpenOptions.MEMORY_MAPPED : OpenOptions.DEFAULT;
      try (HnswIndex asBuilt = HnswIndex.open(index, options);
          HnswIndex other = HnswIndex.open(renumbered, options)) {
        HnswIndex[] layouts = {asBuilt, other};
        System.out.printf(Locale.ROOT, "%s against %s, %d queries, %s, %d rounds%n",
            index, order, qs.length, mapped ? "mapped" : "heap", rounds);
        for (int ef : efs) {
          double[][] qps = new double[2][rounds];
          for (HnswIndex layout : layouts) {
            pass(layout, qs, ef); // warm-up
          }
          for (int round = 0; round < rounds; round++) {
            for (int j = 0; j < 2; j++) {
              int which = (round + j) % 2;
              qps[which][round] = pass(layouts[which], qs, ef);
            }
          }
          double a = median(qps[0]);
          double b = median(qps[1]);
          System.out.printf(Locale.ROOT, "ef %4d: as built %8.0f QPS, %s %8.0f QPS, ratio %.3f%n", ef, a, order, b, b / a);
        }
      }
    } finally {
      Files.deleteIfExists(renumbered);
    }
    return 0;
  }

  /** One pass over the queries; returns its QPS. */
  private double pass(HnswIndex layout, float[][] qs, int ef) {
    long start = System.nanoTime();
    long sink = 0;
    for (float[] q : qs) {
      sink += layout.search(q, k, ef).size();
    }
    if (sink < 0) {
      throw new IllegalStateException();
    }
    return qs.length / ((System.nanoTime() - start) / 1e9);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
