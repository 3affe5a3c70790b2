package io.hnsw4j.server.api;

import io.hnsw4j.server.http.ApiException;
import io.hnsw4j.store.Collection;
import io.hnsw4j.store.Database;
import io.hnsw4j.store.SearchRequest;
import io.hnsw4j.store.StoreOptions;

/**
 * What endpoints share: the database and the request limits. Limits are checked after parsing
 * and before the store is called, so a refused request changes nothing.
 *
 * @param maxBatchPoints most points or ids in one write or retrieve
 * @param maxSearchBatch most searches in one batch
 * @param maxLimit largest limit + offset of a search, and largest scroll page
 * @param maxEf largest hnsw_ef
 * @param maxSnapshotBytes largest uploaded snapshot
 * @param storeOptions how the store runs (reported in collection info)
 */
public record ApiContext(
    Database db, int maxBatchPoints, int maxSearchBatch, int maxLimit, int maxEf, long maxSnapshotBytes, StoreOptions storeOptions) {

  /** The collection of this name (404 if there is none). */
  Collection collection(String name) {
    return db.get(name);
  }

  void checkBatch(int size, String what) {
    if (size > maxBatchPoints) {
      throw ApiException.badRequest(what + " holds " + size + " entries; the limit is " + maxBatchPoints + " per request");
    }
  }

  void checkSearchBatch(int size) {
    if (size > maxSearchBatch) {
      throw ApiException.badRequest("searches holds " + size + " requests; the limit is " + maxSearchBatch + " per batch");
    }
  }

  void checkPage(int limit, String what) {
    if (limit > maxLimit) {
      throw ApiException.badRequest(what + " is " + limit + "; the limit is " + maxLimit);
    }
  }

  /** Checks a search's limit, offset and beam against the limits; {@code at} prefixes errors. */
  SearchRequest checked(SearchRequest r, String at) {
    if ((long) r.limit() + r.offset() > maxLimit) {
      throw ApiException.badRequest(at + "limit + offset is " + ((long) r.limit() + r.offset()) + "; the limit is " + maxLimit);
    }
    if (r.ef() != null && r.ef() > maxEf) {
      throw ApiException.badRequest(at + "params.hnsw_ef is " + r.ef() + "; the limit is " + maxEf);
    }
    return r;
  }
}
