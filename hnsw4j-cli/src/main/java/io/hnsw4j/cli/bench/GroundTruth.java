package io.hnsw4j.cli.bench;

import io.hnsw4j.ExactIndex;
import io.hnsw4j.Metric;
import io.hnsw4j.SearchResult;
import io.hnsw4j.cli.progress.Progress;
import java.util.Arrays;
import java.util.List;

/**
 * Exact k nearest neighbours by brute force with {@link ExactIndex}.
 *
 * @param ids for each query the ids (row numbers) of its k nearest base vectors, nearest first
 * @param distances the matching distances
 */
public record GroundTruth(int[][] ids, float[][] distances) {

  /** Computes the exact neighbours of every query on {@code threads} threads. */
  public static GroundTruth compute(float[][] base, float[][] queries, Metric metric, int k,
      int threads, Progress progress) {
    int[][] ids = new int[queries.length][];
    float[][] distances = new float[queries.length][];
    try (ExactIndex exact = ExactIndex.create(base[0].length, metric)) {
      long[] rowIds = new long[base.length];
      Arrays.setAll(rowIds, i -> i);
      exact.addAll(rowIds, base, threads);
      progress.start("ground truth", queries.length);
      // In slices, so the progress moves while the threads work.
      int slice = Math.max(threads * 8, 64);
      for (int from = 0; from < queries.length; from += slice) {
        int to = Math.min(queries.length, from + slice);
        List<List<SearchResult>> found =
            exact.searchBatch(Arrays.copyOfRange(queries, from, to), k, k, threads);
        for (int q = from; q < to; q++) {
          List<SearchResult> hits = found.get(q - from);
          ids[q] = new int[hits.size()];
          distances[q] = new float[hits.size()];
          for (int i = 0; i < hits.size(); i++) {
            ids[q][i] = (int) hits.get(i).id();
            distances[q][i] = hits.get(i).distance();
          }
        }
        progress.advance(to - from);
      }
      progress.finish();
    }
    return new GroundTruth(ids, distances);
  }
}
