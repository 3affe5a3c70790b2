package io.hnsw4j.bench;

import io.hnsw4j.ExactIndex;
import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.Metric;
import io.hnsw4j.SearchResult;
import io.hnsw4j.VectorIndex;
import io.hnsw4j.datasets.VectorFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Deletes and filters on a real dataset: recall@10 and single-thread QPS before churn, after
 * removing a fraction of the vectors, after {@code compact()}, and for a fresh build of the same
 * live set; then filtered search at several selectivities next to the exact filtered scan. Writes
 * a Markdown report.
 */
@Command(name = "hnsw4j-mutation-bench", mixinStandardHelpOptions = true,
    description = "Recall and QPS of hnsw4j under deletes and filters.")
public final class MutationBench implements Callable<Integer> {
  @Option(names = "--base", required = true, description = "Base vectors (any format core reads).")
  Path base;

  @Option(names = "--queries", required = true, description = "Query vectors.")
  Path queries;

  @Option(names = "--metric", required = true, description = "l2, cosine or ip.")
  String metricName;

  @Option(names = "--limit", defaultValue = "2147483647", description = "Use only the first N base vectors.")
  int limit;

  @Option(names = "--query-limit", defaultValue = "1000", description = "Use only the first N queries.")
  int queryLimit;

  @Option(names = "--remove", defaultValue = "0.3", description = "Fraction of vectors to remove.")
  double removeFraction;

  @Option(names = "--ef", split = ",", defaultValue = "40,100,200", description = "Beam widths.")
  int[] efs;

  @Option(names = "--selectivity", split = ",", defaultValue = "0.001,0.01,0.1,0.5,0.9",
      description = "Filter selectivities.")
  double[] selectivities;

  @Option(names = "--threads", defaultValue = "2", description = "Threads for builds and ground truth.")
  int threads;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the removal and the filters.")
  long seed;

  @Option(names = "--out", required = true, description = "Markdown report file.")
  Path out;

  private final List<String> report = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new MutationBench()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    Metric metric = Metric.byName(metricName);
    float[][] data = VectorFiles.readAll(base, limit);
    float[][] qs = VectorFiles.readAll(queries, queryLimit);
    int n = data.length;
    IndexConfig config = IndexConfig.builder(data[0].length).metric(metric).m(16).efConstruction(100)
        .initialCapacity(n).maxDeletedFraction(1).build();
    line("# Deletes and filters: %s, n = %d, %d queries, M = 16, efConstruction = 100, k = 10", base.getFileName(), n, qs.length);
    line("");
    line("Single-thread QPS, recall@10 against the exact answer over the live vectors.");
    line("");
    line("| state | ef | recall@10 | QPS |");
    line("|---|---:|---:|---:|");

    long[] allIds = IntStream.range(0, n).asLongStream().toArray();
    HnswIndex index = HnswIndex.create(config);
    long t0 = System.nanoTime();
    index.addAll(allIds, data, threads);
    System.err.printf("built %d in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    boolean[] live = new boolean[n];
    java.util.Arrays.fill(live, true);
    sweep("before removal", index, data, live, qs, metric);

    Random random = new Random(seed);
    int removed = 0;
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < removeFraction) {
        index.remove(i);
        live[i] = false;
        removed++;
      }
    }
    sweep(String.format(Locale.ROOT, "after removing %d (%.0f%%)", removed, 100.0 * removed / n), index, data, live, qs, metric);
    t0 = System.nanoTime();
    index.compact();
    System.err.printf("compact in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    sweep("after compact()", index, data, live, qs, metric);

    try (HnswIndex fresh = HnswIndex.create(config)) {
      long[] liveIds = IntStream.range(0, n).filter(i -> live[i]).asLongStream().toArray();
      float[][] liveVectors = new float[liveIds.length][];
      for (int i = 0; i < liveIds.length; i++) {
        liveVectors[i] = data[(int) liveIds[i]];
      }
      fresh.addAll(liveIds, liveVectors, threads);
      sweep("fresh build of the live set", fresh, data, live, qs, metric);
    }

    line("");
    line("## Filtered search (on the index before removal)");
    line("");
    line("The filter passes an id when a hash of it falls below the selectivity (uncorrelated with the vectors).");
    line("");
    line("| selectivity | passing | ef | recall@10 | QPS | exact scan QPS |");
    line("|---:|---:|---:|---:|---:|---:|");
    try (HnswIndex full = HnswIndex.create(config); ExactIndex exact = ExactIndex.create(data[0].length, metric)) {
      full.addAll(allIds, data, threads);
      exact.addAll(allIds, data, threads);
      for (double selectivity : selectivities) {
        LongPredicate filter = id -> Math.floorMod(id * 0x9E3779B97F4A7C15L >>> 11, 1_000_000L) < selectivity * 1_000_000;
        long passing = IntStream.range(0, n).filter(i -> filter.test(i)).count();
        List<List<SearchResult>> truth = parallelExact(exact, qs, filter);
        double exactQps = qps(exact, qs, 1, filter, Math.max(1, qs.length / 10));
        for (int ef : efs) {
          List<List<SearchResult>> found = new ArrayList<>();
          for (float[] q : qs) {
            found.add(full.search(q, 10, ef, filter));
          }
          line("| %.3f | %d | %d | %.4f | %.0f | %.0f |", selectivity, passing, ef, recall(truth, found), qps(full, qs, ef, filter, qs.length), exactQps);
        }
      }
    }
    Files.write(out, report);
    return 0;
  }

  private void sweep(String state, HnswIndex index, float[][] data, boolean[] live, float[][] qs, Metric metric) {
    List<List<SearchResult>> truth;
    try (ExactIndex exact = ExactIndex.create(data[0].length, metric)) {
      long[] ids = IntStream.range(0, data.length).filter(i -> live[i]).asLongStream().toArray();
      float[][] vectors = new float[ids.length][];
      for (int i = 0; i < ids.length; i++) {
        vectors[i] = data[(int) ids[i]];
      }
      exact.addAll(ids, vectors, threads);
      truth = exact.searchBatch(qs, 10, 10, threads);
    }
    for (int ef : efs) {
      List<List<SearchResult>> found = index.searchBatch(qs, 10, ef, 1);
      line("| %s | %d | %.4f | %.0f |", state, ef, recall(truth, found), qps(index, qs, ef, null, qs.length));
    }
  }

  private List<List<SearchResult>> parallelExact(ExactIndex exact, float[][] qs, LongPredicate filter) {
    return IntStream.range(0, qs.length).parallel().mapToObj(q -> exact.search(qs[q], 10, 10, filter)).toList();
  }

  /** Median-free but warmed: one untimed pass, then one timed pass over {@code count} queries. */
  private static double qps(VectorIndex index, float[][] qs, int ef, LongPredicate filter, int count) {
    for (int i = 0; i < count; i++) {
      index.search(qs[i], 10, ef, filter);
    }
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      index.search(qs[i], 10, ef, filter);
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private static double recall(List<List<SearchResult>> truth, List<List<SearchResult>> found) {
    long hits = 0;
    long total = 0;
    for (int q = 0; q < truth.size(); q++) {
      Set<Long> expected = new HashSet<>();
      truth.get(q).forEach(r -> expected.add(r.id()));
      hits += found.get(q).stream().filter(r -> expected.contains(r.id())).count();
      total += expected.size();
    }
    return total == 0 ? 1 : (double) hits / total;
  }

  private void line(String format, Object... args) {
    String text = String.format(Locale.ROOT, format, args);
    report.add(text);
    System.out.println(text);
  }
}
