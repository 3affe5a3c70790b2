package io.hnsw4j.store;

import io.hnsw4j.store.model.PointId;
import java.util.List;

/** A page of a scroll and the id to start the next page at (null when this was the last). */
public record ScrollPage(List<RetrievedPoint> points, PointId nextPageOffset) {
  public ScrollPage {
    points = List.copyOf(points);
  }
}
