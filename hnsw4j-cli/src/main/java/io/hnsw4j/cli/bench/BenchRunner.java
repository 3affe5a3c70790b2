package io.hnsw4j.cli.bench;

import io.hnsw4j.cli.bench.AnnLibrary.BuildRequest;
import io.hnsw4j.cli.bench.AnnLibrary.BuiltIndex;
import io.hnsw4j.cli.bench.AnnLibrary.Searcher;
import io.hnsw4j.cli.progress.Progress;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures one library on one dataset: build time with one and N threads, index memory, and for
 * each ef recall@k, single- and multi-thread QPS, single-thread latency percentiles and, where the
 * library can count it, the work of a search beside the physical limit at the measured memory
 * bandwidth. Every library goes through the same code, warmed up the same way, so their numbers
 * compare.
 */
public final class BenchRunner {
  private final BenchSettings settings;
  private final Progress progress;
  private final PrintStream log;
  private final double bandwidthGBs;
  /** Vectors of the untimed build that precedes the timed ones. */
  public static final int BUILD_WARMUP_VECTORS = 10_000;

  /**
   * @param bandwidthGBs the machine's one-thread read bandwidth ({@link MemoryBandwidth}), or -1
   */
  public BenchRunner(BenchSettings settings, Progress progress, PrintStream log, double bandwidthGBs) {
    this.settings = settings;
    this.progress = progress;
    this.log = log;
    this.bandwidthGBs = bandwidthGBs;
  }

  /** Runs the whole measurement for one library; one row per ef. */
  public List<BenchRow> run(AnnLibrary library, Dataset data) throws Exception {
    String name = library.name();
    double buildNt = -1;
    boolean timeNt = settings.threads() > 1 && library.buildsWithThreads();
    warmUpBuild(library, data, timeNt ? settings.threads() : 1);
    if (timeNt) {
      // Timed first and thrown away: the single-thread build is the one searched (deterministic).
      long start = System.nanoTime();
      try (BuiltIndex index = library.build(request(data, settings.threads()))) {
        buildNt = (System.nanoTime() - start) / 1e9;
      }
      log.printf(Locale.ROOT, "%s: built with %d threads in %.2f s%n", name, settings.threads(),
          buildNt);
      System.gc();
    }
    long start = System.nanoTime();
    try (BuiltIndex index = library.build(request(data, 1))) {
      double build1 = (System.nanoTime() - start) / 1e9;
      if (settings.threads() == 1) {
        buildNt = build1;
      }
      long memory = index.memoryBytes();
      log.printf(Locale.ROOT, "%s: built with 1 thread in %.2f s, %s%n", name, build1,
          memory < 0 ? "memory unknown"
              : String.format(Locale.ROOT, "%.1f MiB", memory / 1048576.0));

      List<Searcher> searchers = new ArrayList<>();
      for (int t = 0; t < settings.threads(); t++) {
        searchers.add(index.searcher());
      }
      warmUp(name, data, searchers.getFirst());
      List<BenchRow> rows = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
      try {
        for (int ef : settings.efs()) {
          rows.add(measure(library.name(), data, ef, searchers, pool, build1, buildNt, memory));
          BenchRow r = rows.getLast();
          log.printf(Locale.ROOT,
              "%s: ef=%d recall@%d=%.4f qps_1t=%.0f qps_%dt=%.0f p50=%.3f ms p99=%.3f ms%s%n",
              name, ef, settings.k(), r.recall(), r.qps1t(), settings.threads(), r.qpsNt(),
              r.p50Ms(), r.p99Ms(), !r.work().known() ? ""
                  : String.format(Locale.ROOT, " distances=%.0f hops=%.0f KiB=%.1f limit_qps=%.0f",
                      r.work().distances(), r.work().hops(), r.work().bytes() / 1024, r.limitQps()));
        }
      } finally {
        pool.shutdownNow();
      }
      return rows;
    }
  }

  /**
   * Builds indexes of the first {@link #BUILD_WARMUP_VECTORS} vectors, untimed, until {@link
   * #buildWarmedUp} says the builds have settled, so that the timed builds measure compiled code:
   * a JVM library's first builds in a fresh JVM also pay for the JIT compiling its insert path,
   * which on siftsmall (10k vectors) made the first, 2-thread build of hnsw4j slower than its
   * 1-thread one (1.21-1.59 s against 0.73-0.83 s), and after two warm-up builds its 2-thread
   * build still took 0.43-0.57 s where raced rounds take 0.32 s (the compiler threads share the
   * two cores). Native libraries only pay the build itself again. Threads as the timed build that
   * follows uses.
   */
  private void warmUpBuild(AnnLibrary library, Dataset data, int threads) throws Exception {
    float[][] base = data.base();
    float[][] slice = Arrays.copyOf(base, Math.min(base.length, BUILD_WARMUP_VECTORS));
    long start = System.nanoTime();
    long end = start + (long) (settings.warmupSeconds() * 1e9);
    int builds = 0;
    double previous = Double.NaN;
    double last = Double.NaN;
    do {
      long buildStart = System.nanoTime();
      try (BuiltIndex ignored = library.build(request(slice, threads))) {
        builds++;
      }
      previous = last;
      last = (System.nanoTime() - buildStart) / 1e9;
    } while (!buildWarmedUp(builds, System.nanoTime() >= end, previous, last));
    log.printf(Locale.ROOT, "%s: build warmed up with %d builds of %d vectors in %.2f s (last %.3f s)%n",
        library.name(), builds, slice.length, (System.nanoTime() - start) / 1e9, last);
    System.gc();
  }

  /** Most untimed builds {@link #buildWarmedUp} asks for. */
  static final int MAX_WARMUP_BUILDS = 12;

  /**
   * Whether the warm-up builds may stop: at least two, the warm-up time spent, and the last build
   * no more than 5% faster than the one before it (the JIT no longer speeding it up); at most
   * {@link #MAX_WARMUP_BUILDS} in any case, since a noisy machine can keep a build 5% faster.
   */
  static boolean buildWarmedUp(int builds, boolean timeSpent, double previousSeconds, double lastSeconds) {
    if (builds >= MAX_WARMUP_BUILDS) {
      return true;
    }
    return builds >= 2 && timeSpent && lastSeconds >= 0.95 * previousSeconds;
  }

  /** Runs queries at every ef in turn for a while, so the JIT has compiled the search paths. */
  private void warmUp(String name, Dataset data, Searcher searcher) {
    long end = System.nanoTime() + (long) (settings.warmupSeconds() * 1e9);
    int passes = 0;
    do {
      for (int ef : settings.efs()) {
        for (float[] q : data.queries()) {
          searcher.search(q, settings.k(), ef);
        }
      }
      passes++;
    } while (System.nanoTime() < end);
    log.printf(Locale.ROOT, "%s: warmed up with %d passes over the sweep%n", name, passes);
  }

  private BuildRequest request(Dataset data, int threads) {
    return request(data.base(), threads);
  }

  private BuildRequest request(float[][] base, int threads) {
    return new BuildRequest(base, settings.metric(), settings.m(), settings.efConstruction(),
        settings.seed(), threads, progress);
  }

  private BenchRow measure(String library, Dataset data, int ef, List<Searcher> searchers,
      ExecutorService pool, double build1, double buildNt, long memory) throws Exception {
    float[][] queries = data.queries();
    int k = settings.k();
    Searcher single = searchers.getFirst();
    long warmStart = System.nanoTime();
    for (int p = 0; p < Math.max(1, settings.warmupPasses()); p++) {
      for (float[] q : queries) {
        single.search(q, k, ef);
      }
    }
    double passSeconds =
        (System.nanoTime() - warmStart) / 1e9 / Math.max(1, settings.warmupPasses());
    // Small query sets are repeated so that a timed pass is long enough to time well.
    int repeats =
        (int) Math.max(1, Math.ceil(settings.minPassSeconds() / Math.max(passSeconds, 1e-9)));
    repeats = Math.min(repeats, 1000);

    int[][] found = new int[queries.length][];
    for (int i = 0; i < queries.length; i++) {
      found[i] = single.search(queries[i], k, ef);
    }
    double recall = recall(found, data.groundTruth(), k);

    long[] latencies = new long[settings.runs() * repeats * queries.length];
    double[] passQps = new double[settings.runs()];
    int at = 0;
    for (int run = 0; run < settings.runs(); run++) {
      long passStart = System.nanoTime();
      for (int rep = 0; rep < repeats; rep++) {
        for (float[] q : queries) {
          long t0 = System.nanoTime();
          single.search(q, k, ef);
          latencies[at++] = System.nanoTime() - t0;
        }
      }
      passQps[run] = (double) repeats * queries.length * 1e9 / (System.nanoTime() - passStart);
    }
    Arrays.sort(latencies);
    double qps1 = median(passQps);
    double qpsN = settings.threads() == 1
        ? qps1
        : multiThreadQps(queries, ef, searchers, pool, repeats);
    return new BenchRow(library, data.name(), settings.metric().name(), data.base().length,
        data.dimension(), settings.m(), settings.efConstruction(), ef, k, recall, qps1, qpsN,
        percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6, build1, buildNt,
        memory, work(single, queries, ef), bandwidthGBs);
  }

  /** The work of a search at this ef, averaged over the queries; after the timing, untimed. */
  private AnnLibrary.SearchWork work(Searcher searcher, float[][] queries, int ef) {
    double distances = 0;
    double hops = 0;
    double bytes = 0;
    for (float[] q : queries) {
      AnnLibrary.SearchWork w = searcher.work(q, settings.k(), ef);
      if (!w.known()) {
        return AnnLibrary.SearchWork.UNKNOWN;
      }
      distances += w.distances();
      hops += w.hops();
      bytes += w.bytes();
    }
    int n = queries.length;
    return new AnnLibrary.SearchWork(distances / n, hops / n, bytes / n);
  }

  private double multiThreadQps(float[][] queries, int ef, List<Searcher> searchers,
      ExecutorService pool, int repeats) throws Exception {
    int total = queries.length * repeats;
    double[] passQps = new double[settings.runs()];
    for (int run = -1; run < settings.runs(); run++) {
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (Searcher searcher : searchers) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
            searcher.search(queries[i % queries.length], settings.k(), ef);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      // Pass -1 warms the worker threads up and is not counted.
      if (run >= 0) {
        passQps[run] = total * 1e9 / (System.nanoTime() - start);
      }
    }
    return median(passQps);
  }

  /** Mean over queries of |found[:k] and truth[:k]| / k. */
  public static double recall(int[][] found, int[][] truth, int k) {
    if (truth.length != found.length) {
      throw new IllegalArgumentException("ground truth has " + truth.length
          + " rows but there are " + found.length + " queries");
    }
    double sum = 0;
    for (int q = 0; q < found.length; q++) {
      int width = Math.min(k, truth[q].length);
      int hits = 0;
      for (int i = 0; i < Math.min(k, found[q].length); i++) {
        for (int j = 0; j < width; j++) {
          if (found[q][i] == truth[q][j]) {
            hits++;
            break;
          }
        }
      }
      sum += (double) hits / width;
    }
    return sum / found.length;
  }

  /** The median: the middle value, or the mean of the middle two of an even count. */
  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The nearest-rank percentile of sorted values. */
  static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
