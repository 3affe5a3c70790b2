package io.hnsw4j.store.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;

/** Numeric values (as doubles) -> points, sorted. Answers numeric ranges. */
final class FloatIndex extends ElementIndex {
  private final Postings<Double> postings = new Postings<>(true);

  FloatIndex(FieldPath field) {
    super(field);
  }

  @Override
  public PayloadSchemaType type() {
    return PayloadSchemaType.FLOAT;
  }

  @Override
  boolean put(JsonNode e, int point) {
    if (!e.isNumber()) {
      return false;
    }
    postings.add(e.doubleValue(), point);
    return true;
  }

  @Override
  void delete(JsonNode e, int point) {
    if (e.isNumber()) {
      postings.remove(e.doubleValue(), point);
    }
  }

  @Override
  public Answer answer(Condition.FieldCondition condition) {
    return condition instanceof Condition.NumberRange r ? new Answer(postings.range(r.bounds()), null) : null;
  }
}
