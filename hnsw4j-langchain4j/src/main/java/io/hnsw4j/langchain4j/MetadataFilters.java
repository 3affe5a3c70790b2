package io.hnsw4j.langchain4j;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import io.hnsw4j.store.filter.Bounds;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.Match;
import io.hnsw4j.store.model.FieldPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Translates LangChain4j's metadata filters into the store's filter records, which the store's
 * payload indexes and filter evaluator then decide; nothing is evaluated here. The meaning follows
 * LangChain4j's own {@code Filter.test}:
 *
 * <ul>
 *   <li>numbers compare by value whatever their type (1 equals 1L and 1.0f), as doubles: exact for
 *       integers up to 2^53 in magnitude; equality with a larger integer is exact among integers;
 *   <li>strings and UUIDs compare as strings ({@code keyword_range} for the orderings; a UUID
 *       orders as its lower-case text, not as {@link UUID#compareTo});
 *   <li>a key that is absent passes {@code isNotEqualTo}, {@code isNotIn} and {@code not(...)} of
 *       a condition on it, and fails every other comparison;
 *   <li>{@code containsString} is a substring test (the store's {@code match text} on a key
 *       without a text index, which is why the adapter never creates one on metadata).
 * </ul>
 */
final class MetadataFilters {
  /** Integers up to this magnitude convert to double exactly. */
  private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

  private MetadataFilters() {}

  /** The store filter for a LangChain4j filter. */
  static io.hnsw4j.store.filter.Filter toStore(Filter filter) {
    Condition c = condition(filter);
    return c instanceof io.hnsw4j.store.filter.Filter f ? f : io.hnsw4j.store.filter.Filter.must(c);
  }

  private static Condition condition(Filter filter) {
    return switch (filter) {
      case And and -> io.hnsw4j.store.filter.Filter.must(condition(and.left()), condition(and.right()));
      case Or or -> io.hnsw4j.store.filter.Filter.should(condition(or.left()), condition(or.right()));
      case Not not -> io.hnsw4j.store.filter.Filter.mustNot(condition(not.expression()));
      case IsEqualTo eq -> equalTo(eq.key(), eq.comparisonValue());
      case IsNotEqualTo ne -> io.hnsw4j.store.filter.Filter.mustNot(equalTo(ne.key(), ne.comparisonValue()));
      case IsGreaterThan gt -> range(gt.key(), gt.comparisonValue(), Side.GT);
      case IsGreaterThanOrEqualTo gte -> range(gte.key(), gte.comparisonValue(), Side.GTE);
      case IsLessThan lt -> range(lt.key(), lt.comparisonValue(), Side.LT);
      case IsLessThanOrEqualTo lte -> range(lte.key(), lte.comparisonValue(), Side.LTE);
      case IsIn in -> in(in.key(), in.comparisonValues());
      case IsNotIn nin -> io.hnsw4j.store.filter.Filter.mustNot(in(nin.key(), nin.comparisonValues()));
      case ContainsString cs ->
          new Condition.FieldMatch(SegmentPayloads.metadataPath(cs.key()), new Match.Text(cs.comparisonValue()));
      default -> throw new UnsupportedOperationException("unsupported metadata filter: " + filter.getClass().getName());
    };
  }

  private static Condition equalTo(String key, Object value) {
    FieldPath path = SegmentPayloads.metadataPath(key);
    return switch (value) {
      case String s -> new Condition.FieldMatch(path, new Match.Keyword(s));
      case UUID u -> new Condition.FieldMatch(path, new Match.Keyword(u.toString()));
      case Integer i -> integerEquals(path, i);
      case Long l -> integerEquals(path, l);
      case Float f -> numberEquals(path, SegmentPayloads.floatAsDouble(f));
      case Double d -> numberEquals(path, d);
      default -> throw unsupportedValue(key, value);
    };
  }

  /** Equal to an integer: by value among all numbers, or among integers beyond double's precision. */
  private static Condition integerEquals(FieldPath path, long value) {
    if (Math.abs(value) <= EXACT_DOUBLE_LIMIT) {
      return numberEquals(path, value);
    }
    return new Condition.FieldMatch(path, new Match.Integer(value));
  }

  private static Condition numberEquals(FieldPath path, double value) {
    return new Condition.NumberRange(path, new Bounds<>(null, value, null, value));
  }

  private enum Side {
    GT,
    GTE,
    LT,
    LTE
  }

  private static Condition range(String key, Object value, Side side) {
    FieldPath path = SegmentPayloads.metadataPath(key);
    if (value instanceof String || value instanceof UUID) {
      return new Condition.KeywordRange(path, bounds(value.toString(), side));
    }
    double number =
        switch (value) {
          case Integer i -> i;
          case Long l -> l;
          case Float f -> SegmentPayloads.floatAsDouble(f);
          case Double d -> d;
          default -> throw unsupportedValue(key, value);
        };
    return new Condition.NumberRange(path, bounds(number, side));
  }

  private static <T extends Comparable<T>> Bounds<T> bounds(T value, Side side) {
    return switch (side) {
      case GT -> new Bounds<>(value, null, null, null);
      case GTE -> new Bounds<>(null, value, null, null);
      case LT -> new Bounds<>(null, null, value, null);
      case LTE -> new Bounds<>(null, null, null, value);
    };
  }

  /** Equal to one of the values: strings and UUIDs in one keyword lookup, numbers one by one. */
  private static Condition in(String key, Collection<?> values) {
    Set<String> strings = new HashSet<>();
    List<Condition> numbers = new ArrayList<>();
    for (Object v : values) {
      if (v instanceof String || v instanceof UUID) {
        strings.add(v.toString());
      } else {
        numbers.add(equalTo(key, v));
      }
    }
    if (numbers.isEmpty()) {
      return new Condition.FieldMatch(SegmentPayloads.metadataPath(key), new Match.AnyKeywords(strings));
    }
    if (!strings.isEmpty()) {
      numbers.add(new Condition.FieldMatch(SegmentPayloads.metadataPath(key), new Match.AnyKeywords(strings)));
    }
    return new io.hnsw4j.store.filter.Filter(null, numbers, null, null);
  }

  private static IllegalArgumentException unsupportedValue(String key, Object value) {
    return new IllegalArgumentException(
        "metadata filter on '" + key + "' compares with a value of unsupported type " + value.getClass().getName());
  }
}
