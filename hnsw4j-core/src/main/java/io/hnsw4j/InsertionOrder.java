package io.hnsw4j;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The order in which {@link HnswIndex#addAll(long[], float[][], int)} inserts a batch. An HNSW
 * graph depends on the order its points arrive in: early points are linked while the graph is
 * sparse, late ones find a dense graph, and Elliott and Clark (2024) measured recall at fixed M and
 * ef move by up to 12 percentage points between orders of the same data. The orders by local
 * intrinsic dimensionality (LID) estimate each point's LID from its 20 nearest neighbours first
 * ({@link IntrinsicDimensionality#ofEveryPoint}), which costs about one more build of the batch
 * above 20,000 points. What hnsw4j measured is in docs/insertion-order.md.
 *
 * <p>The order is a build-time choice: it is not stored in the index file.
 */
public enum InsertionOrder {
  /** As given: vectors[0] first. */
  GIVEN,
  /** A shuffle, seeded by the index's seed. */
  RANDOM,
  /** Lowest LID first (points in flat, low-dimensional neighbourhoods before the rest). */
  LID_ASCENDING,
  /** Highest LID first (points in the most spread-out neighbourhoods before the rest). */
  LID_DESCENDING;

  /**
   * Whether this order estimates every point's LID first (which costs about one more build above
   * 20,000 points).
   *
   * @return true for the LID orders
   */
  public boolean estimatesLid() {
    return this == LID_ASCENDING || this == LID_DESCENDING;
  }

  /**
   * The insertion sequence of a batch: a permutation of 0..n-1, element i being the row inserted
   * i-th. Ties in LID keep the given order; points whose LID is undefined (all their neighbours
   * are copies of them) count as LID 0.
   *
   * @param vectors the batch, all of one dimension and finite (for cosine, normalised or not: the
   *     permutation is the same)
   * @param metric how distances are measured
   * @param seed the seed of the shuffle (RANDOM) or of the provisional graph that finds the
   *     neighbours above 20,000 points (LID orders)
   * @param threads threads for the LID estimates, 1..4096; the permutation depends only on the
   *     input and the seed for GIVEN, RANDOM, and LID orders of up to 20,000 points or on one thread
   * @return the permutation
   * @throws IllegalArgumentException if vectors is null, or for an LID order, empty or ragged
   */
  public int[] permutation(float[][] vectors, Metric metric, long seed, int threads) {
    if (vectors == null) {
      throw new IllegalArgumentException("vectors must not be null");
    }
    int n = vectors.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    switch (this) {
      case GIVEN -> {}
      case RANDOM -> shuffle(order, seed);
      case LID_ASCENDING, LID_DESCENDING -> {
        if (n > 2) {
          double[] lid = IntrinsicDimensionality.ofEveryPoint(
              vectors, metric, IntrinsicDimensionality.DEFAULT_K, seed, threads);
          return byLid(lid, this == LID_DESCENDING);
        }
      }
    }
    return order;
  }

  /** Rows sorted by LID (NaN as 0), ties by row: a stable order that depends only on lid. */
  static int[] byLid(double[] lid, boolean descending) {
    Integer[] rows = new Integer[lid.length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    Arrays.sort(rows, (a, b) -> {
      double la = Double.isNaN(lid[a]) ? 0 : lid[a];
      double lb = Double.isNaN(lid[b]) ? 0 : lid[b];
      int byLid = descending ? Double.compare(lb, la) : Double.compare(la, lb);
      return byLid != 0 ? byLid : Integer.compare(a, b);
    });
    int[] out = new int[rows.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows[i];
    }
    return out;
  }

  /** Fisher-Yates, on a stream apart from the level generator's (which also starts from seed). */
  private static void shuffle(int[] order, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }
}
