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

  /**
   * The dimension every vector and query must have.
   *
   * @return the dimension
   */
  int dimension();

  /**
   * How distances are measured.
   *
   * @return the metric
   */
  Metric metric();

  /**
   * The number of live vectors: those added (and not removed) whose add has returned.
   *
   * @return the number of live vectors
   * @throws IllegalStateException if the index is closed
   */
  int size();

  /**
   * Stores {@code vector} under {@code id}. If the id is already present its vector is replaced
   * (and, in a graph index, linked anew). The array is copied; for the cosine metric a normalised
   * copy is stored. The vector is found by searches once this returns.
   *
   * @param id the caller's id, any long
   * @param vector the vector, of the index's dimension, every component finite (and for cosine
   *     not all zero)
   * @throws IllegalArgumentException if the vector is null, of the wrong dimension or not finite
   */
  void add(long id, float[] vector);

  /**
   * Adds many vectors using {@code threads} threads; {@code ids[i]} gets {@code vectors[i]}.
   * Arguments are all checked before anything is added.
   *
   * @param ids the ids, distinct
   * @param vectors the vectors, as many as ids
   * @param threads threads to use, 1..4096
   * @throws IllegalArgumentException if the arrays differ in length, an id repeats, a vector is
   *     invalid (see {@link #add}) or threads is out of range; nothing is added then
   */
  void addAll(long[] ids, float[][] vectors, int threads);

  /**
   * {@link #addAll(long[], float[][], int)} on all available processors.
   *
   * @param ids the ids, distinct
   * @param vectors the vectors, as many as ids
   */
  default void addAll(long[] ids, float[][] vectors) {
    addAll(ids, vectors, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Removes the vector with this id: searches stop returning it at once.
   *
   * @param id the id
   * @return true if it was there, false (and nothing changes) if not
   */
  boolean remove(long id);

  /**
   * Whether a live vector has this id.
   *
   * @param id the id
   * @return whether the id is in the index
   */
  boolean contains(long id);

  /**
   * A copy of the stored vector (normalised, for the cosine metric).
   *
   * @param id the id
   * @return a copy of its vector
   * @throws IllegalArgumentException if the id is not in the index
   */
  float[] vector(long id);

  /**
   * The ids of the live vectors, in no particular order (a snapshot, safe to use while adding).
   *
   * @return the ids
   */
  LongStream ids();

  /**
   * The k nearest vectors, nearest first, with the index's default ef.
   *
   * @param query the query, of the index's dimension, finite
   * @param k how many results, 1..2^20
   * @return up to k results, nearest first (ties by insertion slot)
   */
  default List<SearchResult> search(float[] query, int k) {
    return search(query, k, defaultEf(), null);
  }

  /**
   * The k nearest vectors, nearest first, searching with beam width max(ef, k).
   *
   * @param query the query, of the index's dimension, finite
   * @param k how many results, 1..2^20
   * @param ef the beam width, 1..2^20: larger is slower and more exact
   * @return up to k results, nearest first
   */
  default List<SearchResult> search(float[] query, int k, int ef) {
    return search(query, k, ef, null);
  }

  /**
   * The k nearest vectors whose id passes {@code filter} (null: all), nearest first. Fewer than
   * k come back only when fewer than k live vectors pass the filter. An {@link IdFilter} tells
   * the index how many ids pass (and, when few do, which), so it can choose between an exact scan
   * of those and a graph search without estimating.
   *
   * @param query the query, of the index's dimension, finite
   * @param k how many results, 1..2^20
   * @param ef the beam width, 1..2^20
   * @param filter which ids may be returned; null for all. It may be called from the searching
   *     thread many times, and must not change the index
   * @return up to k results, nearest first
   * @throws IllegalArgumentException if the query, k or ef is invalid
   */
  List<SearchResult> search(float[] query, int k, int ef, LongPredicate filter);

  /**
   * The k nearest vectors whose id is set in {@code acceptedIds} (a bitset over ids; negative ids
   * and ids above {@code Integer.MAX_VALUE} never pass), nearest first. The same guarantees as a
   * predicate filter: k results whenever k live vectors pass.
   *
   * @param query the query
   * @param k how many results
   * @param ef the beam width
   * @param acceptedIds the ids that may be returned
   * @return up to k results, nearest first
   */
  default List<SearchResult> searchAmong(float[] query, int k, int ef, java.util.BitSet acceptedIds) {
    if (acceptedIds == null) {
      throw new IllegalArgumentException("acceptedIds must not be null");
    }
    return search(query, k, ef, id -> id >= 0 && id <= Integer.MAX_VALUE && acceptedIds.get((int) id));
  }

  /**
   * Searches every query on {@code threads} threads.
   *
   * @param queries the queries
   * @param k how many results per query
   * @param ef the beam width
   * @param threads threads to use, 1..4096
   * @return result i answers query i
   */
  List<List<SearchResult>> searchBatch(float[][] queries, int k, int ef, int threads);

  /**
   * The beam width used by {@link #search(float[], int)}.
   *
   * @return the default ef
   */
  int defaultEf();

  /** Releases the index's memory or mapped file; further calls throw IllegalStateException. */
  @Override
  void close();
}
