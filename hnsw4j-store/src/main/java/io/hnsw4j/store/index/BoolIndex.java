package io.hnsw4j.store.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.Match;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import java.util.BitSet;

/** Boolean values -> points. Answers match value on booleans. */
final class BoolIndex extends ElementIndex {
  private final BitSet trues = new BitSet();
  private final BitSet falses = new BitSet();

  BoolIndex(FieldPath field) {
    super(field);
  }

  @Override
  public PayloadSchemaType type() {
    return PayloadSchemaType.BOOL;
  }

  @Override
  boolean put(JsonNode e, int point) {
    if (!e.isBoolean()) {
      return false;
    }
    (e.booleanValue() ? trues : falses).set(point);
    return true;
  }

  @Override
  void delete(JsonNode e, int point) {
    if (e.isBoolean()) {
      (e.booleanValue() ? trues : falses).clear(point);
    }
  }

  @Override
  public Answer answer(Condition.FieldCondition condition) {
    if (condition instanceof Condition.FieldMatch m && m.match() instanceof Match.Bool b) {
      return new Answer((BitSet) (b.value() ? trues : falses).clone(), null);
    }
    return null;
  }
}
