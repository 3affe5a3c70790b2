package io.hnsw4j.cli.bench;

import io.hnsw4j.Metric;

/**
 * How a benchmark runs, whatever the library.
 *
 * @param m links per node for every library
 * @param efConstruction build beam width for every library
 * @param efs the search beam widths of the sweep
 * @param k neighbours per query; recall is recall@k
 * @param threads threads for the multi-threaded build and QPS
 * @param runs timed passes per measurement; the median is reported
 * @param warmupPasses untimed passes over the queries at each ef before timing
 * @param minPassSeconds a timed pass repeats the query set until it lasts about this long
 * @param warmupSeconds before the sweep, queries run at every ef for at least this long
 * @param seed seed for the libraries that take one
 */
public record BenchSettings(
    Metric metric,
    int m,
    int efConstruction,
    int[] efs,
    int k,
    int threads,
    int runs,
    int warmupPasses,
    double minPassSeconds,
    double warmupSeconds,
    long seed) {

  public BenchSettings {
    if (efs.length == 0) {
      throw new IllegalArgumentException("--ef needs at least one value");
    }
    for (int ef : efs) {
      if (ef < 1) {
        throw new IllegalArgumentException("--ef values must be >= 1, got " + ef);
      }
    }
    if (k < 1) {
      throw new IllegalArgumentException("--k must be >= 1, got " + k);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    }
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be >= 1, got " + runs);
    }
    if (m < 2) {
      throw new IllegalArgumentException("--m must be >= 2, got " + m);
    }
    if (efConstruction < 1) {
      throw new IllegalArgumentException("--ef-construction must be >= 1, got " + efConstruction);
    }
    efs = efs.clone();
  }
}
