package io.hnsw4j.store;

import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.model.PayloadSelector;
import io.hnsw4j.store.model.PointId;

/**
 * One page of points in id order (Qdrant's {@code points/scroll}): up to {@code limit} points
 * passing {@code filter} (null: all), starting at id {@code offset} (inclusive; null: the first).
 */
public record ScrollRequest(Filter filter, int limit, PointId offset, PayloadSelector withPayload, boolean withVector) {

  public ScrollRequest {
    withPayload = withPayload == null ? PayloadSelector.ALL : withPayload;
  }

  /** Qdrant's defaults: 10 points from the start, with payloads, without vectors. */
  public static ScrollRequest first(int limit) {
    return new ScrollRequest(null, limit, null, PayloadSelector.ALL, false);
  }

  public ScrollRequest withFilter(Filter filter) {
    return new ScrollRequest(filter, limit, offset, withPayload, withVector);
  }

  public ScrollRequest from(PointId offset) {
    return new ScrollRequest(filter, limit, offset, withPayload, withVector);
  }
}
