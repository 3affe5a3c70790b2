package io.hnsw4j.server.api;

import io.hnsw4j.store.Collection;
import io.hnsw4j.store.UpdateResult;

/**
 * A parsed write, not yet applied. A request holding several writes checks all of them against the
 * collection ({@link #check}) before applying any, so that a bad one changes nothing.
 */
interface Write {
  /** Applies the write (once {@link #check} passed). */
  UpdateResult apply(Collection collection, boolean wait);

  /** Refuses the write if the collection would (wrong dimension); nothing is written. */
  default void check(Collection collection) {}
}
