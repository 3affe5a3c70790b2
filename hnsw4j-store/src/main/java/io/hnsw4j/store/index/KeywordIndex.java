package io.hnsw4j.store.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.Match;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;

/** String values -> points. Answers match value and match any on strings, and keyword ranges. */
final class KeywordIndex extends ElementIndex {
  private final Postings<String> postings = new Postings<>(false);

  KeywordIndex(FieldPath field) {
    super(field);
  }

  @Override
  public PayloadSchemaType type() {
    return PayloadSchemaType.KEYWORD;
  }

  @Override
  boolean put(JsonNode e, int point) {
    if (!e.isTextual()) {
      return false;
    }
    postings.add(e.textValue(), point);
    return true;
  }

  @Override
  void delete(JsonNode e, int point) {
    if (e.isTextual()) {
      postings.remove(e.textValue(), point);
    }
  }

  @Override
  public Answer answer(Condition.FieldCondition condition) {
    if (condition instanceof Condition.FieldMatch m) {
      if (m.match() instanceof Match.Keyword k) {
        return new Answer(postings.get(k.value()), null);
      }
      if (m.match() instanceof Match.AnyKeywords a) {
        return new Answer(postings.any(a.values()), null);
      }
    }
    if (condition instanceof Condition.KeywordRange r) {
      return new Answer(postings.matching(r.bounds()::test), null);
    }
    return null;
  }
}
