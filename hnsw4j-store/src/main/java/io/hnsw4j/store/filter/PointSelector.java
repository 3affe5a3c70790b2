package io.hnsw4j.store.filter;

import io.hnsw4j.store.model.PointId;
import java.util.List;

/** The points an update applies to: listed ids, or those passing a filter. */
public sealed interface PointSelector {

  /** These ids (duplicates ignored). */
  record Ids(List<PointId> ids) implements PointSelector {
    public Ids {
      ids = List.copyOf(ids);
    }
  }

  /** The points that pass this filter when the update is applied. */
  record Matching(Filter filter) implements PointSelector {}

  static PointSelector ids(List<PointId> ids) {
    return new Ids(ids);
  }

  static PointSelector matching(Filter filter) {
    return new Matching(filter);
  }
}
