package io.hnsw4j.server.api;

import io.hnsw4j.store.Collection;
import io.hnsw4j.store.UpdateResult;

/**
 * A parsed and checked write, not yet applied. Parsing every operation of a request before
 * applying any keeps a bad request from changing anything.
 */
@FunctionalInterface
interface Write {
  UpdateResult apply(Collection collection, boolean wait);
}
