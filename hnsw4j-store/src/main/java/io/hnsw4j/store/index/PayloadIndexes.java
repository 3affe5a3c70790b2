package io.hnsw4j.store.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload indexes of one collection, at most one per key. Kept up to date by {@link
 * #update}; asked by the planner through {@link #answer}. Not thread-safe: the collection changes
 * it under its write lock and reads it under its read lock.
 */
public final class PayloadIndexes {
  private final Map<FieldPath, FieldIndex> byField = new LinkedHashMap<>();

  /** Creates (or replaces, if its type differs) the index of a key, filled from every live point. */
  public void create(FieldPath field, PayloadSchemaType type, Points points) {
    FieldIndex existing = byField.get(field);
    if (existing != null && existing.type() == type) {
      return;
    }
    FieldIndex index = newIndex(field, type);
    BitSet live = points.live();
    for (int p = live.nextSetBit(0); p >= 0; p = live.nextSetBit(p + 1)) {
      index.add(p, field.values(points.payloadOf(p)));
    }
    byField.put(field, index);
  }

  /** Drops the index of a key; returns whether there was one. */
  public boolean drop(FieldPath field) {
    return byField.remove(field) != null;
  }

  /** Records that a point's payload changed from {@code before} to {@code after} (either may be null). */
  public void update(int point, JsonNode before, JsonNode after) {
    for (FieldIndex index : byField.values()) {
      if (before != null) {
        index.remove(point, index.field().values(before));
      }
      if (after != null) {
        index.add(point, index.field().values(after));
      }
    }
  }

  /** The index's answer to a field condition, or null if no index of its key can give one. */
  public FieldIndex.Answer answer(Condition.FieldCondition condition) {
    FieldIndex index = byField.get(condition.key());
    return index == null ? null : index.answer(condition);
  }

  /** Whether the key has a full-text index (match text then means "all words"). */
  public boolean isTextIndexed(FieldPath field) {
    FieldIndex index = byField.get(field);
    return index != null && index.type() == PayloadSchemaType.TEXT;
  }

  /** The indexed keys and their types, in creation order. */
  public Map<FieldPath, PayloadSchemaType> types() {
    Map<FieldPath, PayloadSchemaType> out = new LinkedHashMap<>();
    byField.forEach((k, v) -> out.put(k, v.type()));
    return out;
  }

  /** How many points each index holds values for. */
  public Map<FieldPath, Integer> indexedPoints() {
    Map<FieldPath, Integer> out = new LinkedHashMap<>();
    byField.forEach((k, v) -> out.put(k, v.indexedPoints()));
    return out;
  }

  static FieldIndex newIndex(FieldPath field, PayloadSchemaType type) {
    return switch (type) {
      case KEYWORD -> new KeywordIndex(field);
      case INTEGER -> new IntegerIndex(field);
      case FLOAT -> new FloatIndex(field);
      case BOOL -> new BoolIndex(field);
      case DATETIME -> new DatetimeIndex(field);
      case TEXT -> new TextIndex(field);
    };
  }
}
