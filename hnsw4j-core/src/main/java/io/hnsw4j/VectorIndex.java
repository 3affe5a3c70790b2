package io.hnsw4j;

import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;

/**
 * What {@link HnswIndex} (approximate) and {@link ExactIndex} (brute force) have in common: vectors
 * under caller-chosen {@code long} ids, searched by distance.
 *
 * <p>Thread safety: every method may be called from any number of threads at once; adds, removes
 * and searches may overlap. {@link HnswIndex} searches take no locks; {@link ExactIndex} searches
 * share a read lock.
 *
 * <p>Arguments are checked: a vector of the wrong dimension, a NaN or infinite component, a null,
 * {@code k < 1} or an ef out of range throws {@link IllegalArgumentException} naming the problem,
 * and leaves the index as it was.
 */
public interface VectorIndex extends AutoCloseable {

  int dimension();

  Metric metric();

  /** Number of live vectors. */
  int size();

  /**
   * Stores {@code vector} under {@code id}. If the id is already present its vector is replaced
   * (and, in a graph index, its neighbourhood repaired). The array is copied.
   */
  void add(long id, float[] vector);

  /**
   * Adds many vectors using {@code threads} threads; {@code ids[i]} gets {@code vectors[i]}.
   * Arguments are all checked before anything is added.
   */
  void addAll(long[] ids, float[][] vectors, int threads);

  /** {@link #addAll(long[], float[][], int)} on all available processors. */
  default void addAll(long[] ids, float[][] vectors) {
    addAll(ids, vectors, Runtime.getRuntime().availableProcessors());
  }

  /** Removes the vector with this id; returns false (and changes nothing) if there is none. */
  boolean remove(long id);

  boolean contains(long id);

  /**
   * A copy of the stored vector (normalised, for the cosine metric).
   *
   * @throws IllegalArgumentException if the id is not in the index
   */
  float[] vector(long id);

  /** The ids of the live vectors, in no particular order (a snapshot, safe to use while adding). */
  LongStream ids();

  /** The k nearest vectors, nearest first, with the index's default ef. */
  default List<SearchResult> search(float[] query, int k) {
    return search(query, k, defaultEf(), null);
  }

  /** The k nearest vectors, nearest first, searching with beam width max(ef, k). */
  default List<SearchResult> search(float[] query, int k, int ef) {
    return search(query, k, ef, null);
  }

  /**
   * The k nearest vectors whose id passes {@code filter} (null: all), nearest first. Fewer than
   * k come back only when fewer than k live vectors pass the filter. An {@link IdFilter} tells
   * the index how many ids pass (and, when few do, which), so it can choose between an exact scan
   * of those and a graph search without estimating.
   */
  List<SearchResult> search(float[] query, int k, int ef, LongPredicate filter);

  /**
   * The k nearest vectors whose id is set in {@code acceptedIds} (a bitset over ids; negative ids
   * and ids above {@code Integer.MAX_VALUE} never pass), nearest first. The same guarantees as a
   * predicate filter: k results whenever k live vectors pass.
   */
  default List<SearchResult> searchAmong(float[] query, int k, int ef, java.util.BitSet acceptedIds) {
    if (acceptedIds == null) {
      throw new IllegalArgumentException("acceptedIds must not be null");
    }
    return search(query, k, ef, id -> id >= 0 && id <= Integer.MAX_VALUE && acceptedIds.get((int) id));
  }

  /** Searches every query on {@code threads} threads; result i answers query i. */
  List<List<SearchResult>> searchBatch(float[][] queries, int k, int ef, int threads);

  /** The beam width used by {@link #search(float[], int)}. */
  int defaultEf();

  /** Releases the index's memory or mapped file; further calls fail. */
  @Override
  void close();
}
