package io.hnsw4j.store.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.DateTimes;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;

/** Date-time strings (as microseconds since the epoch) -> points, sorted. Answers date-time ranges. */
final class DatetimeIndex extends ElementIndex {
  private final Postings<Long> postings = new Postings<>(true);

  DatetimeIndex(FieldPath field) {
    super(field);
  }

  @Override
  public PayloadSchemaType type() {
    return PayloadSchemaType.DATETIME;
  }

  @Override
  boolean put(JsonNode e, int point) {
    Long micros = e.isTextual() ? DateTimes.parseMicros(e.textValue()) : null;
    if (micros == null) {
      return false;
    }
    postings.add(micros, point);
    return true;
  }

  @Override
  void delete(JsonNode e, int point) {
    Long micros = e.isTextual() ? DateTimes.parseMicros(e.textValue()) : null;
    if (micros != null) {
      postings.remove(micros, point);
    }
  }

  @Override
  public Answer answer(Condition.FieldCondition condition) {
    return condition instanceof Condition.DatetimeRange r ? new Answer(postings.range(r.bounds()), null) : null;
  }
}
