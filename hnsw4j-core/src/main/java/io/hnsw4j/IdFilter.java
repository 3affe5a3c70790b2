package io.hnsw4j;

import java.util.function.LongPredicate;

/**
 * A search filter that knows how many ids pass, as a payload index does. Given to {@link
 * VectorIndex#search(float[], int, int, LongPredicate)} in place of a plain predicate, it spares
 * the index from sampling to estimate the filter's selectivity, and when few ids pass and {@link
 * #passingIds()} lists them, the index scores exactly those instead of testing every vector.
 *
 * <p>The predicate stays the authority: an id is returned only if {@link #test(long)} accepts it.
 */
public interface IdFilter extends LongPredicate {

  /**
   * How many live ids pass, exactly or as an estimate.
   *
   * @return 0 or more
   */
  long estimatedCount();

  /**
   * The passing ids, when the filter can list them cheaply. Called only when {@link
   * #estimatedCount()} is small.
   *
   * @return the ids (ids not in the index are ignored), or null if the filter cannot list them
   */
  default long[] passingIds() {
    return null;
  }
}
