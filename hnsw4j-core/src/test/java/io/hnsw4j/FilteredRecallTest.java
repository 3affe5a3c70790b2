package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.testutil.TestData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/**
 * Filtered recall@10 against the exact filtered answer at every selectivity from 0.1% to 100%,
 * for filters uncorrelated, correlated and anti-correlated with the query. Anti-correlated is
 * where graph search collapses: only points far from the query pass, so the nodes near the query
 * lead nowhere. Each point belongs to one of 50 clusters (a payload field, for a store); a
 * correlated filter passes the clusters nearest to the query, an anti-correlated one the
 * farthest.
 */
class FilteredRecallTest {
  private static final long SEED = 47;
  private static final int N = 20_000;
  private static final int DIM = 32;
  private static final int CLUSTERS = 50;
  private static final int QUERIES = 40;
  private static final double[] SELECTIVITIES = {0.001, 0.01, 0.05, 0.1, 0.3, 0.6, 1.0};

  @Test
  void recallStaysHighWhateverTheFilter() {
    Random random = new Random(SEED);
    float[][] centres = TestData.uniform(CLUSTERS, DIM, SEED);
    for (float[] c : centres) {
      for (int j = 0; j < DIM; j++) {
        c[j] *= 8;
      }
    }
    int[] cluster = new int[N];
    float[][] data = new float[N][DIM];
    for (int i = 0; i < N; i++) {
      cluster[i] = random.nextInt(CLUSTERS);
      for (int j = 0; j < DIM; j++) {
        data[i][j] = centres[cluster[i]][j] + (float) random.nextGaussian();
      }
    }
    List<String> failures = new ArrayList<>();
    StringBuilder table = new StringBuilder();
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(DIM).m(16).efConstruction(100).seed(SEED).build());
        ExactIndex exact = ExactIndex.create(DIM, Metric.L2)) {
      long[] ids = TestData.sequentialIds(N);
      index.addAll(ids, data, 2);
      exact.addAll(ids, data, 2);
      for (String kind : List.of("uncorrelated", "correlated", "anti-correlated")) {
        for (double selectivity : SELECTIVITIES) {
          long hits = 0;
          long total = 0;
          for (int q = 0; q < QUERIES; q++) {
            float[] query = data[random.nextInt(N)].clone();
            query[0] += 0.5f;
            BitSet passing = passing(kind, selectivity, query, centres, cluster, random);
            LongPredicate filter = id -> passing.get((int) id);
            List<SearchResult> want = exact.search(query, 10, 10, filter);
            List<SearchResult> got = index.search(query, 10, 100, filter);
            java.util.Set<Long> truth = new java.util.HashSet<>();
            want.forEach(r -> truth.add(r.id()));
            for (SearchResult r : got) {
              if (!passing.get((int) r.id())) {
                failures.add(kind + " " + selectivity + ": id " + r.id() + " does not pass");
              }
              hits += truth.contains(r.id()) ? 1 : 0;
            }
            total += truth.size();
          }
          double recall = total == 0 ? 1 : (double) hits / total;
          table.append(String.format(Locale.ROOT, "%s %.3f: %.4f%n", kind, selectivity, recall));
          if (recall < 0.95) {
            failures.add(String.format(Locale.ROOT, "%s filter passing %.1f%%: recall@10 %.4f", kind, selectivity * 100, recall));
          }
        }
      }
    }
    System.out.print(table);
    assertTrue(failures.isEmpty(), "seed " + SEED + ": " + failures);
  }

  /** The passing ids: random, or whole clusters nearest to (or farthest from) the query. */
  private static BitSet passing(
      String kind, double selectivity, float[] query, float[][] centres, int[] cluster, Random random) {
    BitSet out = new BitSet(N);
    if (kind.equals("uncorrelated")) {
      for (int i = 0; i < N; i++) {
        if (random.nextDouble() < selectivity) {
          out.set(i);
        }
      }
      return out;
    }
    Integer[] order = new Integer[CLUSTERS];
    Arrays.setAll(order, c -> c);
    Comparator<Integer> byDistance = Comparator.comparingDouble(c -> squaredDistance(query, centres[c]));
    Arrays.sort(order, kind.equals("correlated") ? byDistance : byDistance.reversed());
    // Whole clusters in that order; the last one only in part, to hit the selectivity.
    long wanted = Math.max(1, Math.round(selectivity * N));
    for (int rank = 0; rank < CLUSTERS && out.cardinality() < wanted; rank++) {
      for (int i = 0; i < N && out.cardinality() < wanted; i++) {
        if (cluster[i] == order[rank]) {
          out.set(i);
        }
      }
    }
    return out;
  }

  private static double squaredDistance(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return s;
  }
}
