package io.hnsw4j.springai;

import io.hnsw4j.store.filter.Bounds;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.FilterWriter;
import io.hnsw4j.store.filter.Match;
import io.hnsw4j.store.model.FieldPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionConverter;

/**
 * Spring AI's portable filter expressions in the store's filter language. {@link #toFilter} gives
 * the store's filter records, which the store's payload indexes and filter evaluator decide;
 * {@link #convertExpression} gives the same filter as the store's JSON (Qdrant's filter syntax plus
 * hnsw4j's {@code keyword_range}), the text form of the {@link FilterExpressionConverter} seam.
 *
 * <p>Meaning, for each operator of {@link Filter.ExpressionType}, as Spring AI's reference
 * evaluator (the one {@code SimpleVectorStore} uses) decides it, with one exception: a key that is
 * missing or null fails {@code LT} and {@code LTE} here (the reference sorts null first and passes
 * it), as it fails every ordering in SQL stores.
 *
 * <ul>
 *   <li>{@code EQ}, {@code NE}, {@code IN}, {@code NIN}: strings, booleans and numbers; numbers
 *       compare by their double values whatever their type (2020 equals 2020.0), and integers
 *       beyond 2^53 exactly among integers; a list value matches when one of its elements does;
 *   <li>{@code GT}, {@code GTE}, {@code LT}, {@code LTE}: numbers by value, strings in
 *       {@link String#compareTo} order, dates and instants as date-times;
 *   <li>a missing key passes {@code NE}, {@code NIN} and {@code NOT} of a comparison on it, and
 *       fails the other comparisons;
 *   <li>{@code ISNULL}: the key is missing, null or an empty list; {@code ISNOTNULL}: otherwise;
 *   <li>{@code AND}, {@code OR}, {@code NOT} and groups nest freely.
 * </ul>
 *
 * Keys name top-level metadata keys literally ({@code "a.b"} is one key). Thread-safe: stateless.
 */
public final class Hnsw4jFilterExpressionConverter implements FilterExpressionConverter {

  /** A converter; it holds no state. */
  public Hnsw4jFilterExpressionConverter() {}
  /** Integers up to this magnitude convert to double exactly. */
  private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

  /**
   * The store's JSON filter for an expression.
   *
   * @param expression a Spring AI filter expression
   * @return the store's JSON filter for an expression
   */
  @Override
  public String convertExpression(Filter.Expression expression) {
    return FilterWriter.write(toFilter(expression)).toString();
  }

  /**
   * The store's filter for an expression.
   *
   * @param expression a Spring AI filter expression
   * @return the store's filter for an expression
   */
  public io.hnsw4j.store.filter.Filter toFilter(Filter.Expression expression) {
    Condition c = condition(expression);
    return c instanceof io.hnsw4j.store.filter.Filter f ? f : io.hnsw4j.store.filter.Filter.must(c);
  }

  private Condition condition(Filter.Operand operand) {
    if (operand instanceof Filter.Group group) {
      return condition(group.content());
    }
    if (!(operand instanceof Filter.Expression e)) {
      throw new IllegalArgumentException("expected a filter expression, got " + operand);
    }
    return switch (e.type()) {
      case AND -> io.hnsw4j.store.filter.Filter.must(condition(e.left()), condition(right(e)));
      case OR -> io.hnsw4j.store.filter.Filter.should(condition(e.left()), condition(right(e)));
      case NOT -> io.hnsw4j.store.filter.Filter.mustNot(condition(e.left()));
      case EQ -> equalTo(key(e), value(e));
      case NE -> io.hnsw4j.store.filter.Filter.mustNot(equalTo(key(e), value(e)));
      case GT, GTE, LT, LTE -> range(e.type(), key(e), value(e));
      case IN -> in(key(e), value(e));
      case NIN -> io.hnsw4j.store.filter.Filter.mustNot(in(key(e), value(e)));
      case ISNULL -> new Condition.IsEmpty(key(e));
      case ISNOTNULL -> io.hnsw4j.store.filter.Filter.mustNot(new Condition.IsEmpty(key(e)));
    };
  }

  private static Filter.Operand right(Filter.Expression e) {
    if (e.right() == null) {
      throw new IllegalArgumentException(e.type() + " needs two operands: " + e);
    }
    return e.right();
  }

  private static FieldPath key(Filter.Expression e) {
    if (!(e.left() instanceof Filter.Key key)) {
      throw new IllegalArgumentException(e.type() + " needs a metadata key on its left: " + e);
    }
    return DocumentPayloads.metadataPath(unquoted(key.key()));
  }

  /** Keys may come quoted from the text syntax ({@code "my key" == 1}). */
  private static String unquoted(String key) {
    if (key.length() >= 2 && (key.charAt(0) == '"' || key.charAt(0) == '\'') && key.charAt(key.length() - 1) == key.charAt(0)) {
      return key.substring(1, key.length() - 1);
    }
    return key;
  }

  private static Object value(Filter.Expression e) {
    if (!(e.right() instanceof Filter.Value value) || value.value() == null) {
      throw new IllegalArgumentException(e.type() + " needs a value on its right: " + e);
    }
    return value.value();
  }

  private static Condition equalTo(FieldPath key, Object value) {
    return switch (value) {
      case String s -> new Condition.FieldMatch(key, new Match.Keyword(s));
      case Boolean b -> new Condition.FieldMatch(key, new Match.Bool(b));
      case Integer i -> integerEquals(key, i);
      case Long l -> integerEquals(key, l);
      case Short s -> integerEquals(key, s);
      case Byte b -> integerEquals(key, b);
      case Number n -> numberEquals(key, number(n));
      case Date d -> new Condition.DatetimeRange(key, new Bounds<>(null, micros(d.toInstant()), null, micros(d.toInstant())));
      case Instant t -> new Condition.DatetimeRange(key, new Bounds<>(null, micros(t), null, micros(t)));
      default -> throw unsupported(key, value);
    };
  }

  private static Condition integerEquals(FieldPath key, long value) {
    if (Math.abs(value) <= EXACT_DOUBLE_LIMIT) {
      return numberEquals(key, value);
    }
    return new Condition.FieldMatch(key, new Match.Integer(value));
  }

  private static Condition numberEquals(FieldPath key, double value) {
    return new Condition.NumberRange(key, new Bounds<>(null, value, null, value));
  }

  /** A number as Spring AI's reference evaluator compares it: its double value. */
  private static double number(Number n) {
    return n.doubleValue();
  }

  private static Condition range(Filter.ExpressionType type, FieldPath key, Object value) {
    return switch (value) {
      case String s -> new Condition.KeywordRange(key, bounds(type, s));
      case Number n -> new Condition.NumberRange(key, bounds(type, number(n)));
      case Date d -> new Condition.DatetimeRange(key, bounds(type, micros(d.toInstant())));
      case Instant t -> new Condition.DatetimeRange(key, bounds(type, micros(t)));
      default -> throw unsupported(key, value);
    };
  }

  private static <T extends Comparable<T>> Bounds<T> bounds(Filter.ExpressionType type, T value) {
    return switch (type) {
      case GT -> new Bounds<>(value, null, null, null);
      case GTE -> new Bounds<>(null, value, null, null);
      case LT -> new Bounds<>(null, null, value, null);
      default -> new Bounds<>(null, null, null, value);
    };
  }

  /** One of the listed values: strings in one keyword lookup, the others one by one. */
  private static Condition in(FieldPath key, Object values) {
    if (!(values instanceof Iterable<?> list)) {
      return equalTo(key, values);
    }
    Set<String> strings = new HashSet<>();
    List<Condition> others = new ArrayList<>();
    for (Object v : list) {
      if (v instanceof String s) {
        strings.add(s);
      } else if (v != null) {
        others.add(equalTo(key, v));
      }
    }
    if (!strings.isEmpty()) {
      others.add(new Condition.FieldMatch(key, new Match.AnyKeywords(strings)));
    }
    return new io.hnsw4j.store.filter.Filter(null, others, null, null);
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  private static IllegalArgumentException unsupported(FieldPath key, Object value) {
    return new IllegalArgumentException("filter on " + key + " compares with a value of unsupported type " + value.getClass().getName());
  }
}
