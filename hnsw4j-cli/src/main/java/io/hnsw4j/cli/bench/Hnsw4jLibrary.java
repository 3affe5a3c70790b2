package io.hnsw4j.cli.bench;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.SearchResult;
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

  /** Adds in slices of about five percent, each on all threads, so progress can be shown. */
  static void addInChunks(HnswIndex index, float[][] base, int threads, BuildRequest request) {
    int chunk = Math.max(1_000, base.length / 20); // 5% steps: each ends in a join of the threads
    if (request.progress() != null) {
      request.progress().start("build " + threads + "t", base.length);
    }
    for (int from = 0; from < base.length; from += chunk) {
      int to = Math.min(base.length, from + chunk);
      long start = from;
      long[] ids = new long[to - from];
      Arrays.setAll(ids, i -> start + i);
      index.addAll(ids, Arrays.copyOfRange(base, from, to), threads);
      if (request.progress() != null) {
        request.progress().advance(to - from);
      }
    }
    if (request.progress() != null) {
      request.progress().finish();
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
