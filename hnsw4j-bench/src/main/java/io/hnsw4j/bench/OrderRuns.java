package io.hnsw4j.bench;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.InsertionOrder;
import io.hnsw4j.Metric;
import io.hnsw4j.SearchResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The builds of the insertion-order experiment: one per (efConstruction, order, seed). */
final class OrderRuns {
  /** One measurement: recall@k at one ef of one build. */
  record Row(int efConstruction, InsertionOrder order, long seed, int ef, double recall, double buildSeconds) {}

  /** Where progress goes. */
  interface Log {
    void line(String format, Object... args);
  }

  private final float[][] data;
  private final float[][] queries;
  private final int[][] truth;
  private final Metric metric;
  private final int m;
  private final int[] efs;
  private final int k;
  private final Map<InsertionOrder, int[]> fixed = new EnumMap<>(InsertionOrder.class);

  OrderRuns(float[][] data, float[][] queries, int[][] truth, Metric metric, int m, int[] efs, int k) {
    this.data = data;
    this.queries = queries;
    this.truth = truth;
    this.metric = metric;
    this.m = m;
    this.efs = efs;
    this.k = k;
  }

  /** Uses this permutation for every build of the order (the LID orders: computed once). */
  void fixPermutation(InsertionOrder order, int[] permutation) {
    fixed.put(order, permutation);
  }

  List<Row> run(int[] efConstructions, InsertionOrder[] orders, long[] seeds, int jobs, Log log)
      throws InterruptedException {
    List<Row> rows = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int efConstruction : efConstructions) {
        for (long seed : seeds) {
          for (InsertionOrder order : orders) {
            futures.add(pool.submit(() -> {
              List<Row> measured = build(efConstruction, order, seed);
              rows.addAll(measured);
              log.line("efC %d %s seed %d: build %.1f s, recall %s", efConstruction, order, seed,
                  measured.getFirst().buildSeconds(), measured.stream().map(r -> String.format("%.4f", r.recall())).toList());
            }));
          }
        }
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return rows;
  }

  /** One single-threaded build in the order's sequence, searched at every ef on this thread. */
  private List<Row> build(int efConstruction, InsertionOrder order, long seed) {
    int[] sequence = fixed.containsKey(order) ? fixed.get(order) : order.permutation(data, metric, seed, 1);
    long[] ids = new long[data.length];
    float[][] vectors = new float[data.length][];
    for (int i = 0; i < sequence.length; i++) {
      ids[i] = sequence[i];
      vectors[i] = data[sequence[i]];
    }
    IndexConfig config = IndexConfig.builder(data[0].length).metric(metric).m(m).efConstruction(efConstruction)
        .initialCapacity(data.length).seed(seed).build();
    List<Row> out = new ArrayList<>();
    try (HnswIndex index = HnswIndex.create(config)) {
      long start = System.nanoTime();
      index.addAll(ids, vectors, 1);
      double seconds = (System.nanoTime() - start) / 1e9;
      for (int ef : efs) {
        List<List<SearchResult>> found = index.searchBatch(queries, k, ef, 1);
        out.add(new Row(efConstruction, order, seed, ef, recall(found), seconds));
      }
    }
    return out;
  }

  private double recall(List<List<SearchResult>> found) {
    long hits = 0;
    for (int q = 0; q < truth.length; q++) {
      for (SearchResult r : found.get(q)) {
        for (int t : truth[q]) {
          if (t == r.id()) {
            hits++;
            break;
          }
        }
      }
    }
    return (double) hits / ((long) truth.length * k);
  }
}
