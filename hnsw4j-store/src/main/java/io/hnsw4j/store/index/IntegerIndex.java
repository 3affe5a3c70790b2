package io.hnsw4j.store.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.filter.Bounds;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.FilterEvaluator;
import io.hnsw4j.store.filter.Match;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import java.util.BitSet;

/**
 * Integer values -> points, sorted. Answers match value / any on integers and numeric ranges.
 * A range also passes other numbers (1.5, or integers beyond 64 bits), which this index does not
 * hold: points holding such numbers are returned as "unsure" for the planner to read.
 */
final class IntegerIndex extends ElementIndex {
  private final Postings<Long> postings = new Postings<>(true);

  IntegerIndex(FieldPath field) {
    super(field);
  }

  @Override
  public PayloadSchemaType type() {
    return PayloadSchemaType.INTEGER;
  }

  @Override
  boolean put(JsonNode e, int point) {
    if (!FilterEvaluator.isInteger(e)) {
      return false;
    }
    postings.add(e.longValue(), point);
    return true;
  }

  @Override
  boolean isOther(JsonNode e) {
    return e.isNumber();
  }

  @Override
  void delete(JsonNode e, int point) {
    if (FilterEvaluator.isInteger(e)) {
      postings.remove(e.longValue(), point);
    }
  }

  @Override
  public Answer answer(Condition.FieldCondition condition) {
    if (condition instanceof Condition.FieldMatch m) {
      if (m.match() instanceof Match.Integer i) {
        return new Answer(postings.get(i.value()), null);
      }
      if (m.match() instanceof Match.AnyIntegers a) {
        return new Answer(postings.any(a.values()), null);
      }
      return null;
    }
    if (condition instanceof Condition.NumberRange r) {
      return new Answer(range(r.bounds()), unsure());
    }
    return null;
  }

  /**
   * Integers whose value as a double lies within the bounds (the evaluator compares doubles).
   * The double bounds are widened to longs, then every key in between is tested exactly.
   */
  private BitSet range(Bounds<Double> bounds) {
    long from = bounds.lower() == null ? Long.MIN_VALUE : widen(Math.floor(bounds.lower()), -1);
    long to = bounds.upper() == null ? Long.MAX_VALUE : widen(Math.ceil(bounds.upper()), 1);
    BitSet out = new BitSet();
    postings.between(from, to).forEach((value, points) -> {
      if (bounds.test(value.doubleValue())) {
        out.or(points);
      }
    });
    return out;
  }

  /** A long near {@code x}, moved by {@code step} (saturating) to absorb rounding at 2^53 and beyond. */
  private static long widen(double x, int step) {
    long v = (long) x; // saturates at the long range
    long margin = Math.abs(v) > (1L << 52) ? 4096 : 1;
    return step < 0 ? (v < Long.MIN_VALUE + margin ? Long.MIN_VALUE : v - margin) : (v > Long.MAX_VALUE - margin ? Long.MAX_VALUE : v + margin);
  }
}
