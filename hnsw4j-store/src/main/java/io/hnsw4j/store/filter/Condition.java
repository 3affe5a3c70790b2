package io.hnsw4j.store.filter;

import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PointId;
import java.util.Set;

/**
 * One condition of a {@link Filter}. Field conditions look at the values a {@link FieldPath}
 * reaches in the payload ({@link FieldPath#values}); an array value stands for its elements.
 */
public sealed interface Condition
    permits Filter, Condition.FieldCondition, Condition.HasId, Condition.Nested {

  /** {@code {"key": k, "match": ...}}. */
  record FieldMatch(FieldPath key, Match match) implements FieldCondition {}

  /** {@code {"key": k, "range": {gt, gte, lt, lte}}} on numbers: some numeric element within. */
  record NumberRange(FieldPath key, Bounds<Double> bounds) implements FieldCondition {}

  /**
   * {@code {"key": k, "range": {...}}} with RFC 3339 bounds: some string element that parses as a
   * date-time within. Bounds are microseconds since the epoch (UTC).
   */
  record DatetimeRange(FieldPath key, Bounds<Long> bounds) implements FieldCondition {
    public DatetimeRange {
      if (bounds.gt() == null && bounds.gte() == null && bounds.lt() == null && bounds.lte() == null) {
        // In JSON a range without bounds reads as a numeric range; keep the two kinds apart.
        throw new IllegalArgumentException("a date-time range needs at least one bound");
      }
    }
  }

  /**
   * {@code {"key": k, "keyword_range": {gt, gte, lt, lte}}}, an hnsw4j extension of Qdrant's
   * filters: some string element within the bounds, strings ordered as {@link String#compareTo}
   * orders them (by UTF-16 code units). With no bound every string passes.
   */
  record KeywordRange(FieldPath key, Bounds<String> bounds) implements FieldCondition {}

  /**
   * {@code {"key": k, "values_count": {...}}}: the number of values (an array counts its elements,
   * null counts 0, anything else 1; summed over the values the key reaches) within the bounds.
   */
  record ValuesCount(FieldPath key, Bounds<Integer> bounds) implements FieldCondition {}

  /** {@code {"is_empty": {"key": k}}}: the field is absent, null, or an empty array. */
  record IsEmpty(FieldPath key) implements FieldCondition {}

  /** {@code {"is_null": {"key": k}}}: the field is present and some value it reaches is null. */
  record IsNull(FieldPath key) implements FieldCondition {}

  /** {@code {"has_id": [...]}}: the point's id is one of these. */
  record HasId(Set<PointId> ids) implements Condition {
    public HasId {
      ids = Set.copyOf(ids);
    }
  }

  /**
   * {@code {"nested": {"key": k, "filter": f}}}: some object element of the array at {@code key}
   * passes {@code filter} on its own (keys in {@code filter} are relative to the element).
   */
  record Nested(FieldPath key, Filter filter) implements Condition {}

  /** A condition on the values of one payload key. */
  sealed interface FieldCondition extends Condition
      permits FieldMatch, NumberRange, DatetimeRange, KeywordRange, ValuesCount, IsEmpty, IsNull {
    FieldPath key();
  }
}
