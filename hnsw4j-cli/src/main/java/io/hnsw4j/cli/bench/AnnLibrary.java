package io.hnsw4j.cli.bench;

import io.hnsw4j.Metric;
import io.hnsw4j.cli.progress.Progress;

/**
 * One vector-search library under benchmark: hnsw4j itself, or a peer in the harness. The runner
 * times {@link #build} from the outside, so an adapter does nothing there but build.
 */
public interface AnnLibrary {

  /** The name in the CSV's library column and the plot's legend. */
  String name();

  /** Whether {@link #build} can use several threads; if not, no N-thread build time is reported. */
  default boolean buildsWithThreads() {
    return true;
  }

  /** Builds an index over {@code request.base()}; row i has id i. */
  BuiltIndex build(BuildRequest request) throws Exception;

  /**
   * What to build.
   *
   * @param base the vectors, row i with id i
   * @param metric the metric
   * @param m links per node (the paper's M)
   * @param efConstruction beam width while building
   * @param seed seed for libraries that take one
   * @param threads threads to build with
   * @param progress where to report inserted vectors (optional for adapters)
   */
  record BuildRequest(
      float[][] base,
      Metric metric,
      int m,
      int efConstruction,
      long seed,
      int threads,
      Progress progress) {}

  /** A built index, searched through one {@link Searcher} per thread. */
  interface BuiltIndex extends AutoCloseable {

    /** Bytes the index holds (vectors and graph), or -1 when the library cannot tell. */
    long memoryBytes();

    /** A searcher for the calling thread; searchers are not shared between threads. */
    Searcher searcher();

    @Override
    default void close() throws Exception {}
  }

  /** Searches one query at a time on one thread. */
  @FunctionalInterface
  interface Searcher {

    /** Ids (row numbers) of about the k nearest base vectors, nearest first, beam width ef. */
    int[] search(float[] query, int k, int ef);

    /**
     * Searches once more, untimed, and says what the search did; {@link SearchWork#UNKNOWN} when
     * the library cannot count it.
     */
    default SearchWork work(float[] query, int k, int ef) {
      return SearchWork.UNKNOWN;
    }
  }

  /**
   * The work of a search, the physical side of a QPS figure: vectors scored, adjacency lists
   * read, and the bytes of vectors (or codes) and links those touch, estimated from record sizes.
   * Negative fields are unknown.
   *
   * @param distances distance computations
   * @param hops adjacency lists read
   * @param bytes bytes of vectors, codes and links read
   */
  record SearchWork(double distances, double hops, double bytes) {
    /** For a library that cannot count. */
    public static final SearchWork UNKNOWN = new SearchWork(-1, -1, -1);

    /** Whether the counts are known. */
    public boolean known() {
      return distances >= 0;
    }
  }
}
