package io.hnsw4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.filter.Bounds;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.DateTimes;
import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.Match;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PointId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Seeded random payloads with values of every kind (and of the wrong kind, missing, null, empty
 * arrays) under a fixed set of keys, and random filters over them using every operator.
 */
final class RandomPayloads {
  static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "Alpha"};
  static final String[] DATES = {"2020-01-01T00:00:00Z", "2020-06-15T12:30:00+02:00", "2021-03-01", "2019-12-31 23:59:59", "not a date"};
  static final String[] KEYS = {"kw", "num", "fnum", "flag", "when", "text", "obj.inner", "items[].a", "items[].b", "absent"};

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final Random random;

  RandomPayloads(long seed) {
    this.random = new Random(seed);
  }

  PointId id(int i) {
    return i % 5 == 4 ? PointId.of(new UUID(0x1234, i)) : PointId.of(i);
  }

  ObjectNode payload() {
    ObjectNode p = F.objectNode();
    maybe(p, "kw", () -> oneOf(F.textNode(word()), strings(), F.numberNode(3), F.nullNode(), F.arrayNode()));
    maybe(p, "num", () -> oneOf(F.numberNode(random.nextInt(11) - 5), F.numberNode(random.nextInt(20) / 4.0), numbers(),
        F.textNode("3"), F.nullNode(), F.numberNode(1L << 60)));
    maybe(p, "fnum", () -> oneOf(F.numberNode(random.nextGaussian()), F.numberNode(random.nextInt(5)), numbers()));
    maybe(p, "flag", () -> oneOf(F.booleanNode(random.nextBoolean()), F.arrayNode().add(true).add(false), F.textNode("true")));
    maybe(p, "when", () -> oneOf(F.textNode(DATES[random.nextInt(DATES.length)]), F.arrayNode().add(DATES[0]).add(DATES[2]), F.numberNode(2020)));
    maybe(p, "text", () -> oneOf(F.textNode(sentence()), F.arrayNode().add(sentence()).add(sentence()), F.numberNode(1)));
    maybe(p, "obj", () -> oneOf(F.objectNode().put("inner", random.nextInt(4)), F.arrayNode().add(F.objectNode().put("inner", 1)), F.numberNode(0)));
    maybe(p, "items", () -> {
      ArrayNode items = F.arrayNode();
      int n = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        ObjectNode item = items.addObject();
        maybe(item, "a", () -> F.textNode(word()));
        maybe(item, "b", () -> F.numberNode(random.nextInt(4)));
      }
      return items;
    });
    return p;
  }

  Filter filter(int depth) {
    Filter.MinShould min = null;
    if (random.nextInt(5) == 0) {
      min = new Filter.MinShould(conditions(depth), random.nextInt(3));
    }
    return new Filter(
        random.nextBoolean() ? conditions(depth) : null,
        random.nextInt(3) == 0 ? conditions(depth) : null,
        random.nextInt(3) == 0 ? conditions(depth) : null,
        min);
  }

  private List<Condition> conditions(int depth) {
    List<Condition> out = new ArrayList<>();
    int n = random.nextInt(3) + (random.nextInt(8) == 0 ? 0 : 1);
    for (int i = 0; i < n; i++) {
      out.add(depth > 0 && random.nextInt(5) == 0 ? filter(depth - 1) : condition());
    }
    return out;
  }

  Condition condition() {
    FieldPath key = FieldPath.parse(KEYS[random.nextInt(KEYS.length)]);
    return switch (random.nextInt(16)) {
      case 0 -> new Condition.FieldMatch(key, new Match.Keyword(word()));
      case 1 -> new Condition.FieldMatch(key, new Match.Integer(random.nextInt(7) - 3));
      case 2 -> new Condition.FieldMatch(key, new Match.Bool(random.nextBoolean()));
      case 3 -> new Condition.FieldMatch(key, new Match.AnyKeywords(new HashSet<>(List.of(word(), word()))));
      case 4 -> new Condition.FieldMatch(key, new Match.AnyIntegers(new HashSet<>(List.of((long) random.nextInt(5), 1L << 60))));
      case 5 -> new Condition.FieldMatch(key, new Match.ExceptKeywords(new HashSet<>(List.of(word(), word()))));
      case 6 -> new Condition.FieldMatch(key, new Match.ExceptIntegers(Set.of((long) random.nextInt(5))));
      case 7 -> new Condition.FieldMatch(FieldPath.parse(random.nextBoolean() ? "text" : "kw"), new Match.Text(random.nextBoolean() ? word() : word() + " " + word()));
      case 8 -> new Condition.NumberRange(key, new Bounds<>(bound(), bound(), bound(), bound()));
      case 9 -> new Condition.DatetimeRange(key, new Bounds<>(null, micros(), micros(), null));
      case 10 -> new Condition.ValuesCount(key, new Bounds<>(null, random.nextInt(3), null, random.nextInt(4) + 1));
      case 11 -> new Condition.IsEmpty(key);
      case 12 -> new Condition.IsNull(key);
      case 14 -> new Condition.KeywordRange(key, new Bounds<>(null, random.nextBoolean() ? word() : null, random.nextBoolean() ? word() : null, null));
      case 13 -> new Condition.HasId(new HashSet<>(List.of(id(random.nextInt(600)), id(random.nextInt(600)), id(random.nextInt(600)))));
      default -> new Condition.Nested(FieldPath.parse("items"), Filter.must(
          new Condition.FieldMatch(FieldPath.parse("a"), new Match.Keyword(word())),
          new Condition.FieldMatch(FieldPath.parse("b"), new Match.AnyIntegers(Set.of((long) random.nextInt(4))))));
    };
  }

  private Double bound() {
    return random.nextInt(3) == 0 ? (random.nextInt(20) - 10) / 4.0 : null;
  }

  private Long micros() {
    return DateTimes.parseMicros(DATES[random.nextInt(DATES.length - 1)]) + random.nextInt(3) - 1;
  }

  private void maybe(ObjectNode p, String key, java.util.function.Supplier<JsonNode> value) {
    if (random.nextInt(6) != 0) {
      p.set(key, value.get());
    }
  }

  private JsonNode oneOf(JsonNode... options) {
    return options[random.nextInt(options.length)];
  }

  private String word() {
    return WORDS[random.nextInt(WORDS.length)];
  }

  private String sentence() {
    return word() + " " + word() + ", " + word() + "!";
  }

  private ArrayNode strings() {
    return F.arrayNode().add(word()).add(word());
  }

  private ArrayNode numbers() {
    return F.arrayNode().add(random.nextInt(5)).add(random.nextInt(8) / 2.0);
  }
}
