package io.hnsw4j.store.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.model.FieldPath;
import java.util.BitSet;
import java.util.List;

/**
 * The common part of indexes that hold one entry per element of a field: which points have an
 * indexed element, and which hold elements the index cannot represent (its "others").
 */
abstract class ElementIndex implements FieldIndex {
  private final FieldPath field;
  private final BitSet indexed = new BitSet();
  /** Points holding an element this index skips but a condition it answers could match. */
  protected final BitSet others = new BitSet();

  ElementIndex(FieldPath field) {
    this.field = field;
  }

  /** Adds one element; returns whether the index holds it. */
  abstract boolean put(JsonNode element, int point);

  /** Removes one element that {@link #put} was given. */
  abstract void delete(JsonNode element, int point);

  /** Whether an element this index does not hold could still pass a condition it answers. */
  boolean isOther(JsonNode element) {
    return false;
  }

  @Override
  public FieldPath field() {
    return field;
  }

  @Override
  public void add(int point, List<JsonNode> values) {
    FieldIndex.forEachElement(
        values,
        e -> {
          if (put(e, point)) {
            indexed.set(point);
          } else if (isOther(e)) {
            others.set(point);
          }
        });
  }

  @Override
  public void remove(int point, List<JsonNode> values) {
    FieldIndex.forEachElement(values, e -> delete(e, point));
    indexed.clear(point);
    others.clear(point);
  }

  @Override
  public int indexedPoints() {
    return indexed.cardinality();
  }

  /** The others as an "unsure" set, null when empty. */
  BitSet unsure() {
    return others.isEmpty() ? null : (BitSet) others.clone();
  }
}
