package io.hnsw4j.cli.bench;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.SearchResult;
import io.hnsw4j.cli.progress.Progress;
import java.util.Arrays;
import java.util.List;

/** hnsw4j's own index, as the benchmark sees it. */
public final class Hnsw4jLibrary implements AnnLibrary {

  @Override
  public String name() {
    return "hnsw4j";
  }

  @Override
  public BuiltIndex build(BuildRequest request) {
    float[][] base = request.base();
    IndexConfig config = IndexConfig.builder(base[0].length)
        .metric(request.metric())
        .m(request.m())
        .efConstruction(request.efConstruction())
        .initialCapacity(base.length)
        .seed(request.seed())
        .build();
    HnswIndex index = HnswIndex.create(config);
    addInChunks(index, base, request.threads(), request);
    return new BuiltIndex() {
      @Override
      public long memoryBytes() {
        return index.statistics().memoryBytes();
      }

      @Override
      public Searcher searcher() {
        return (query, k, ef) -> ids(index.search(query, k, ef));
      }

      @Override
      public void close() {
        index.close();
      }
    };
  }

  /** Adds the rows (row i gets id i) with the request's threads, showing progress. */
  static void addInChunks(HnswIndex index, float[][] base, int threads, BuildRequest request) {
    addWithProgress(index, base, threads, request.progress(), "build " + threads + "t");
  }

  /**
   * Adds the rows (row i gets id i) in slices of about five percent, each on all threads, so
   * progress can be shown (each slice ends in a join of the threads, so finer slices cost time).
   */
  public static void addWithProgress(HnswIndex index, float[][] base, int threads, Progress progress, String label) {
    int chunk = Math.max(1_000, base.length / 20);
    if (progress != null) {
      progress.start(label, base.length);
    }
    for (int from = 0; from < base.length; from += chunk) {
      int to = Math.min(base.length, from + chunk);
      long start = from;
      long[] ids = new long[to - from];
      Arrays.setAll(ids, i -> start + i);
      index.addAll(ids, Arrays.copyOfRange(base, from, to), threads);
      if (progress != null) {
        progress.advance(to - from);
      }
    }
    if (progress != null) {
      progress.finish();
    }
  }

  static int[] ids(List<SearchResult> results) {
    int[] ids = new int[results.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (int) results.get(i).id();
    }
    return ids;
  }
}
