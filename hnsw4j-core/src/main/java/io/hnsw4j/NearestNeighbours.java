package io.hnsw4j;

import java.util.List;

/**
 * The k nearest neighbours of points of a vector set, each point's own entry left out, with
 * distances turned into lengths that the LID estimator can take ratios of: Euclidean distances for
 * L2 (the index reports squared ones) and cosine (the chord between unit vectors, up to a factor
 * of √2 that no ratio sees). Inner product has no such lengths, so its neighbours are taken by L2
 * on the raw vectors; a custom metric's distances are used as they come.
 */
final class NearestNeighbours {
  /** Above this many points, the neighbours of every point come from a graph, not brute force. */
  static final int EXACT_LIMIT = 20_000;

  /** M of the provisional graph. */
  static final int GRAPH_M = 16;
  /** efConstruction of the provisional graph. */
  static final int GRAPH_EF_CONSTRUCTION = 100;
  /** Beam width of the searches in the provisional graph. */
  static final int GRAPH_EF = 100;

  /**
   * Neighbour lists: {@code rows[i]} are the rows nearest to point i (nearest first, i itself
   * left out), {@code lengths[i]} their distances as lengths.
   */
  record Lists(int[][] rows, double[][] lengths) {}

  private NearestNeighbours() {}

  /** The metric whose neighbours and lengths describe the data's geometry (see the class doc). */
  static Metric geometry(Metric metric) {
    return metric.kind() == Metric.Kind.INNER_PRODUCT ? Metric.L2 : metric;
  }

  /** Exact neighbours, by brute force, of {@code queryRows} among all {@code vectors}. */
  static Lists exact(float[][] vectors, int[] queryRows, Metric metric, int k, int threads) {
    Metric geometry = geometry(metric);
    try (ExactIndex index = ExactIndex.create(vectors[0].length, geometry)) {
      index.addAll(rowIds(vectors.length), vectors, threads);
      float[][] queries = new float[queryRows.length][];
      for (int i = 0; i < queryRows.length; i++) {
        queries[i] = vectors[queryRows[i]];
      }
      List<List<SearchResult>> hits = index.searchBatch(queries, k + 1, 1, threads);
      return lists(hits, queryRows, geometry, k);
    }
  }

  /** Exact neighbours of every point when there are at most {@link #EXACT_LIMIT}, else from a graph. */
  static Lists ofEveryPoint(float[][] vectors, Metric metric, int k, long seed, int threads) {
    int[] all = new int[vectors.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    if (vectors.length <= EXACT_LIMIT) {
      return exact(vectors, all, metric, k, threads);
    }
    Metric geometry = geometry(metric);
    IndexConfig config = IndexConfig.builder(vectors[0].length)
        .metric(geometry)
        .m(GRAPH_M)
        .efConstruction(GRAPH_EF_CONSTRUCTION)
        .initialCapacity(vectors.length)
        .seed(seed)
        .insertionOrder(InsertionOrder.GIVEN) // never recurse into another ordering
        .build();
    try (HnswIndex index = HnswIndex.create(config)) {
      index.addAll(rowIds(vectors.length), vectors, threads);
      List<List<SearchResult>> hits = index.searchBatch(vectors, k + 1, Math.max(GRAPH_EF, k + 1), threads);
      return lists(hits, all, geometry, k);
    }
  }

  private static long[] rowIds(int n) {
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    return ids;
  }

  /** Drops each query's own row (or, if it was not found, the farthest hit) and keeps k. */
  private static Lists lists(List<List<SearchResult>> hits, int[] queryRows, Metric geometry, int k) {
    int[][] rows = new int[queryRows.length][];
    double[][] lengths = new double[queryRows.length][];
    for (int q = 0; q < queryRows.length; q++) {
      List<SearchResult> found = hits.get(q);
      int keep = Math.min(k, found.size() - 1);
      rows[q] = new int[Math.max(keep, 0)];
      lengths[q] = new double[rows[q].length];
      int j = 0;
      for (SearchResult hit : found) {
        if (hit.id() == queryRows[q] || j == rows[q].length) {
          continue;
        }
        rows[q][j] = (int) hit.id();
        lengths[q][j] = length(hit.distance(), geometry);
        j++;
      }
    }
    return new Lists(rows, lengths);
  }

  /** A distance as the index reports it, as a length (see the class doc); never negative. */
  static double length(float distance, Metric geometry) {
    double d = Math.max(distance, 0);
    return geometry.kind() == Metric.Kind.CUSTOM ? d : Math.sqrt(d);
  }
}
