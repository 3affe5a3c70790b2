package io.hnsw4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.index.Points;
import io.hnsw4j.store.model.PointId;
import java.util.Arrays;
import java.util.BitSet;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The live points by point number (the id the graph index knows them by) and by id, in id
 * order for scrolls. Not thread-safe: {@link CollectionState} changes it under its write lock and
 * reads it under its read lock.
 */
final class PointTable implements Points {
  private PointRecord[] records = new PointRecord[1024];
  private final BitSet live = new BitSet();
  private final TreeMap<PointId, Integer> byId = new TreeMap<>();

  PointRecord get(int point) {
    return point >= 0 && point < records.length ? records[point] : null;
  }

  /** Publishes a point's record under a number (which must be free or already hold this id). */
  void put(int point, PointRecord record) {
    if (point >= records.length) {
      records = Arrays.copyOf(records, Math.max(point + 1, records.length * 2));
    }
    records[point] = record;
    live.set(point);
    byId.put(record.id(), point);
  }

  void remove(int point) {
    PointRecord record = records[point];
    records[point] = null;
    live.clear(point);
    byId.remove(record.id());
  }

  int size() {
    return byId.size();
  }

  /** Ids to point numbers, in Qdrant's id order. */
  NavigableMap<PointId, Integer> byId() {
    return byId;
  }

  @Override
  public BitSet live() {
    return live;
  }

  @Override
  public PointId idOf(int point) {
    return records[point].id();
  }

  @Override
  public JsonNode payloadOf(int point) {
    return records[point].payload();
  }

  @Override
  public int pointOf(PointId id) {
    Integer point = byId.get(id);
    return point == null ? -1 : point;
  }
}
