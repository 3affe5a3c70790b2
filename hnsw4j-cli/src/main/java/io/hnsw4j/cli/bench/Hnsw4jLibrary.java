package io.hnsw4j.cli.bench;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.Quantization;
import io.hnsw4j.SearchResult;
import io.hnsw4j.cli.progress.Progress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * hnsw4j's own index, as the benchmark sees it: {@code hnsw4j} traverses the float vectors,
 * {@code hnsw4j-int8} int8 codes whose candidates the floats rerank.
 */
public final class Hnsw4jLibrary implements AnnLibrary {
  private final Quantization quantization;

  /** The float index. */
  public Hnsw4jLibrary() {
    this(Quantization.NONE);
  }

  /** The index with this traversal encoding. */
  public Hnsw4jLibrary(Quantization quantization) {
    this.quantization = quantization;
  }

  @Override
  public String name() {
    return quantization == Quantization.NONE ? "hnsw4j" : "hnsw4j-" + quantization.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public BuiltIndex build(BuildRequest request) {
    HnswIndex index = buildIndex(request, quantization);
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

  /** An index over the request's rows (row i gets id i), built with its parameters and threads. */
  static HnswIndex buildIndex(BuildRequest request, Quantization quantization) {
    float[][] base = request.base();
    IndexConfig config = IndexConfig.builder(base[0].length)
        .metric(request.metric())
        .m(request.m())
        .efConstruction(request.efConstruction())
        .initialCapacity(base.length)
        .seed(request.seed())
        .quantization(quantization)
        .build();
    HnswIndex index = HnswIndex.create(config);
    addInChunks(index, base, request.threads(), request);
    return index;
  }

  /** Adds the rows (row i gets id i) with the request's threads, showing progress. */
  static void addInChunks(HnswIndex index, float[][] base, int threads, BuildRequest request) {
    addWithProgress(index, base, null, threads, request.progress(), "build " + threads + "t");
  }

  /**
   * Adds the rows (row i gets id i) on {@code threads} threads that take rows one at a time from
   * a shared cursor, reporting progress every few hundred rows: no thread waits for another, as
   * it would at the end of each slice of a sliced bulk add. The rows go in in the order of {@code
   * sequence} (a permutation of the rows, as {@link io.hnsw4j.InsertionOrder#permutation} gives),
   * or as given when it is null.
   */
  public static void addWithProgress(
      HnswIndex index, float[][] base, int[] sequence, int threads, Progress progress, String label) {
    if (progress != null) {
      progress.start(label, base.length);
    }
    AtomicInteger cursor = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Runnable worker = () -> {
      int done = 0;
      try {
        for (int next; failure.get() == null && (next = cursor.getAndIncrement()) < base.length; ) {
          int row = sequence != null ? sequence[next] : next;
          index.add(row, base[row]);
          if (++done == PROGRESS_STEP) {
            advance(progress, done);
            done = 0;
          }
        }
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
      }
      advance(progress, done);
    };
    Thread[] helpers = new Thread[Math.max(0, Math.min(threads, base.length) - 1)];
    for (int t = 0; t < helpers.length; t++) {
      helpers[t] = new Thread(worker, "hnsw4j-build-" + (t + 1));
      helpers[t].start();
    }
    worker.run();
    for (Thread helper : helpers) {
      try {
        helper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while adding", e);
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    if (progress != null) {
      progress.finish();
    }
  }

  private static final int PROGRESS_STEP = 256;

  private static void advance(Progress progress, int rows) {
    if (progress != null && rows > 0) {
      progress.advance(rows);
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
