package io.hnsw4j.store.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.Match;
import io.hnsw4j.store.filter.TextTokens;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import java.util.BitSet;

/**
 * Words of string values -> points (see {@link TextTokens}). Answers match text: the points that
 * have a string and every word of the query among their words.
 */
final class TextIndex extends ElementIndex {
  private final Postings<String> words = new Postings<>(false);
  private final BitSet hasText = new BitSet();

  TextIndex(FieldPath field) {
    super(field);
  }

  @Override
  public PayloadSchemaType type() {
    return PayloadSchemaType.TEXT;
  }

  @Override
  boolean put(JsonNode e, int point) {
    if (!e.isTextual()) {
      return false;
    }
    hasText.set(point);
    TextTokens.of(e.textValue()).forEach(w -> words.add(w, point));
    return true;
  }

  @Override
  void delete(JsonNode e, int point) {
    if (e.isTextual()) {
      hasText.clear(point);
      TextTokens.of(e.textValue()).forEach(w -> words.remove(w, point));
    }
  }

  @Override
  public Answer answer(Condition.FieldCondition condition) {
    if (!(condition instanceof Condition.FieldMatch m && m.match() instanceof Match.Text t)) {
      return null;
    }
    BitSet out = (BitSet) hasText.clone();
    for (String word : TextTokens.of(t.text())) {
      out.and(words.get(word));
      if (out.isEmpty()) {
        break;
      }
    }
    return new Answer(out, null);
  }
}
