package io.hnsw4j.store.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import java.util.BitSet;
import java.util.List;

/**
 * An index over the values of one payload key, by internal point number. It answers the
 * conditions its kind supports with the set of passing points, exactly as {@link
 * io.hnsw4j.store.filter.FilterEvaluator} would by reading payloads. Not thread-safe: the owner
 * changes it under its write lock and reads it under its read lock.
 */
public interface FieldIndex {

  PayloadSchemaType type();

  FieldPath field();

  /** Records a point's values (what {@link FieldPath#values} gives for this key). */
  void add(int point, List<JsonNode> values);

  /** Forgets a point's values; {@code values} are those it was added with. */
  void remove(int point, List<JsonNode> values);

  /** The answer to a condition on this field, or null when this kind of index cannot give it. */
  Answer answer(Condition.FieldCondition condition);

  /** Points with at least one value this index holds. */
  int indexedPoints();

  /**
   * What an index knows about a condition: the points that pass for sure, and the points it
   * cannot judge (they hold values of another kind, such as 1.5 in an integer index) which must
   * be checked by reading their payloads; null when there are none.
   */
  record Answer(BitSet matches, BitSet unsure) {}

  /** The elements of a field's values: an array's elements, anything else itself. */
  static void forEachElement(List<JsonNode> values, java.util.function.Consumer<JsonNode> action) {
    for (JsonNode v : values) {
      if (v.isArray()) {
        v.forEach(action);
      } else {
        action.accept(v);
      }
    }
  }
}
