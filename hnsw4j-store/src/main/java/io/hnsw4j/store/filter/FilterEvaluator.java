package io.hnsw4j.store.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PointId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides whether one point passes a filter by reading its payload: the meaning of every
 * condition, written down once. Payload indexes must answer exactly as this does (tests check it).
 * Thread-safe; payloads are only read.
 */
public final class FilterEvaluator {
  /** An evaluator for fields that have no text index (match text is a substring test). */
  public static final FilterEvaluator PLAIN = new FilterEvaluator(key -> false);

  private final Predicate<FieldPath> textIndexed;

  /** {@code textIndexed} tells which keys have a full-text index: match text means "all words" there. */
  public FilterEvaluator(Predicate<FieldPath> textIndexed) {
    this.textIndexed = textIndexed;
  }

  /** Whether the point with this id and payload passes {@code filter}. */
  public boolean test(Filter filter, PointId id, JsonNode payload) {
    if (filter.must() != null) {
      for (Condition c : filter.must()) {
        if (!test(c, id, payload)) {
          return false;
        }
      }
    }
    if (filter.mustNot() != null) {
      for (Condition c : filter.mustNot()) {
        if (test(c, id, payload)) {
          return false;
        }
      }
    }
    if (filter.should() != null && filter.should().stream().noneMatch(c -> test(c, id, payload))) {
      return false;
    }
    if (filter.minShould() != null) {
      int needed = filter.minShould().minCount();
      for (Condition c : filter.minShould().conditions()) {
        if (needed <= 0) {
          break;
        }
        if (test(c, id, payload)) {
          needed--;
        }
      }
      return needed <= 0;
    }
    return true;
  }

  /** Whether the point passes one condition. */
  public boolean test(Condition condition, PointId id, JsonNode payload) {
    return switch (condition) {
      case Filter f -> test(f, id, payload);
      case Condition.HasId h -> h.ids().contains(id);
      case Condition.Nested n -> nested(n, id, payload);
      case Condition.FieldCondition f -> field(f, f.key().values(payload));
    };
  }

  private boolean nested(Condition.Nested n, PointId id, JsonNode payload) {
    for (JsonNode element : n.key().arrayKey().values(payload)) {
      if (element.isObject() && PLAIN.test(n.filter(), id, element)) {
        return true;
      }
    }
    return false;
  }

  private boolean field(Condition.FieldCondition condition, List<JsonNode> values) {
    return switch (condition) {
      case Condition.IsEmpty e -> values.stream().allMatch(v -> v.isNull() || (v.isArray() && v.isEmpty()));
      case Condition.IsNull n -> values.stream().anyMatch(JsonNode::isNull);
      case Condition.ValuesCount c -> c.bounds().test(count(values));
      case Condition.NumberRange r -> anyElement(values, e -> e.isNumber() && r.bounds().test(e.doubleValue()));
      case Condition.DatetimeRange r -> anyElement(values, e -> datetimeIn(e, r.bounds()));
      case Condition.KeywordRange r -> anyElement(values, e -> e.isTextual() && r.bounds().test(e.textValue()));
      case Condition.FieldMatch m -> match(m, values);
    };
  }

  private boolean match(Condition.FieldMatch m, List<JsonNode> values) {
    return switch (m.match()) {
      case Match.ExceptKeywords x ->
          values.isEmpty() || anyElement(values, e -> !e.isNull() && !(e.isTextual() && x.values().contains(e.textValue())));
      case Match.ExceptIntegers x ->
          values.isEmpty() || anyElement(values, e -> !e.isNull() && !(isInteger(e) && x.values().contains(e.longValue())));
      case Match.Text t -> textIndexed.test(m.key()) ? allWords(t.text(), values) : anyElement(values, e -> e.isTextual() && e.textValue().contains(t.text()));
      default -> anyElement(values, e -> matchesElement(m.match(), e));
    };
  }

  /** Whether one element matches a value or any match (the element-wise kinds). */
  static boolean matchesElement(Match match, JsonNode e) {
    return switch (match) {
      case Match.Keyword k -> e.isTextual() && e.textValue().equals(k.value());
      case Match.Integer i -> isInteger(e) && e.longValue() == i.value();
      case Match.Bool b -> e.isBoolean() && e.booleanValue() == b.value();
      case Match.AnyKeywords a -> e.isTextual() && a.values().contains(e.textValue());
      case Match.AnyIntegers a -> isInteger(e) && a.values().contains(e.longValue());
      default -> throw new IllegalStateException("not an element-wise match: " + match);
    };
  }

  /** Full-text rule: the field has a string, and every word of the query is among its words. */
  private static boolean allWords(String query, List<JsonNode> values) {
    Set<String> words = new HashSet<>();
    boolean anyString = false;
    for (JsonNode v : values) {
      for (JsonNode e : v.isArray() ? v : List.of(v)) {
        if (e.isTextual()) {
          anyString = true;
          words.addAll(TextTokens.of(e.textValue()));
        }
      }
    }
    return anyString && words.containsAll(TextTokens.of(query));
  }

  /** An integer as a match condition sees one: an integral JSON number that fits in a long. */
  public static boolean isInteger(JsonNode e) {
    return e.isIntegralNumber() && e.canConvertToLong();
  }

  private static boolean datetimeIn(JsonNode e, Bounds<Long> bounds) {
    if (!e.isTextual()) {
      return false;
    }
    Long micros = DateTimes.parseMicros(e.textValue());
    return micros != null && bounds.test(micros);
  }

  /** The values count of a field: array elements, 0 for null, 1 for anything else, summed. */
  public static int count(List<JsonNode> values) {
    int n = 0;
    for (JsonNode v : values) {
      n += v.isNull() ? 0 : v.isArray() ? v.size() : 1;
    }
    return n;
  }

  private static boolean anyElement(List<JsonNode> values, Predicate<JsonNode> test) {
    for (JsonNode v : values) {
      if (v.isArray()) {
        for (JsonNode e : v) {
          if (test.test(e)) {
            return true;
          }
        }
      } else if (test.test(v)) {
        return true;
      }
    }
    return false;
  }
}
