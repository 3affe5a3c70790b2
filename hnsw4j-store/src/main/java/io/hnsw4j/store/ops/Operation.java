package io.hnsw4j.store.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.model.Point;
import java.util.List;

/**
 * A change to a collection, as logged in the write-ahead log and applied in log order. Operations
 * that select points by filter are logged with the filter and resolved when applied, which gives
 * the same points on replay because replay applies the same operations in the same order.
 */
public sealed interface Operation {

  /** Insert or replace whole points (the last of repeated ids wins). */
  record Upsert(List<Point> points) implements Operation {
    public Upsert {
      points = List.copyOf(points);
    }
  }

  /** Delete points; ids that do not exist are ignored. */
  record DeletePoints(PointSelector selector) implements Operation {}

  /** Merge keys into payloads (at {@code key} when given, else at the top). */
  record SetPayload(PointSelector selector, ObjectNode payload, FieldPath key) implements Operation {}

  /** Replace payloads. */
  record OverwritePayload(PointSelector selector, ObjectNode payload) implements Operation {}

  /** Remove keys from payloads. */
  record DeletePayloadKeys(PointSelector selector, List<FieldPath> keys) implements Operation {
    public DeletePayloadKeys {
      keys = List.copyOf(keys);
    }
  }

  /** Empty payloads. */
  record ClearPayload(PointSelector selector) implements Operation {}

  /** Create (or retype) the payload index of a key. */
  record CreateFieldIndex(FieldPath field, PayloadSchemaType type) implements Operation {}

  /** Drop the payload index of a key. */
  record DeleteFieldIndex(FieldPath field) implements Operation {}
}
