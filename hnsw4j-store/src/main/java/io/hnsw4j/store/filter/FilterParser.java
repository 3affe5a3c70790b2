package io.hnsw4j.store.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.model.StoreException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Qdrant's filter JSON into a {@link Filter}. Strict: an unknown clause or operator, a value
 * of the wrong type or a malformed key is a BAD_REQUEST whose message starts with the path of the
 * offending value, for example {@code filter.must[1].range.gt: expected a number or an RFC 3339
 * date-time, got true}. Clauses accept one condition or a list; a JSON null clause is absent.
 */
public final class FilterParser {
  private static final int MAX_DEPTH = 32;

  private FilterParser() {}

  /** Parses a filter; a missing or JSON null node gives null (no filter). */
  public static Filter parse(JsonNode node) {
    return parse(node, "filter");
  }

  /** Parses a filter found at {@code path} of a request (named in error messages). */
  public static Filter parse(JsonNode node, String path) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return filter(node, path, 0, false);
  }

  private static Filter filter(JsonNode node, String path, int depth, boolean nested) {
    if (depth > MAX_DEPTH) {
      throw bad(path, "filters nest deeper than " + MAX_DEPTH + " levels");
    }
    object(node, path);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("must") && !name.equals("should") && !name.equals("must_not") && !name.equals("min_should")) {
        throw bad(path, "unknown clause '" + name + "'; expected must, should, must_not or min_should");
      }
    }
    List<Condition> must = conditions(node.get("must"), path + ".must", depth, nested);
    List<Condition> should = conditions(node.get("should"), path + ".should", depth, nested);
    List<Condition> mustNot = conditions(node.get("must_not"), path + ".must_not", depth, nested);
    Filter.MinShould minShould = minShould(node.get("min_should"), path + ".min_should", depth, nested);
    return new Filter(must, should, mustNot, minShould);
  }

  private static Filter.MinShould minShould(JsonNode node, String path, int depth, boolean nested) {
    if (absent(node)) {
      return null;
    }
    object(node, path);
    allowOnly(node, path, "conditions", "min_count");
    List<Condition> conditions = conditions(node.get("conditions"), path + ".conditions", depth, nested);
    JsonNode count = node.get("min_count");
    if (conditions == null || absent(count)) {
      throw bad(path, "needs both conditions and min_count");
    }
    return new Filter.MinShould(conditions, nonNegativeInt(count, path + ".min_count"));
  }

  private static List<Condition> conditions(JsonNode node, String path, int depth, boolean nested) {
    if (absent(node)) {
      return null;
    }
    List<Condition> out = new ArrayList<>();
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(condition(node.get(i), path + "[" + i + "]", depth, nested));
      }
    } else if (node.isObject()) {
      out.add(condition(node, path, depth, nested));
    } else {
      throw bad(path, "expected a condition or a list of conditions, got " + node);
    }
    return out;
  }

  private static Condition condition(JsonNode node, String path, int depth, boolean nested) {
    object(node, path);
    if (node.has("key")) {
      return fieldCondition(node, path);
    }
    if (node.has("is_empty")) {
      allowOnly(node, path, "is_empty");
      return new Condition.IsEmpty(payloadField(node.get("is_empty"), path + ".is_empty"));
    }
    if (node.has("is_null")) {
      allowOnly(node, path, "is_null");
      return new Condition.IsNull(payloadField(node.get("is_null"), path + ".is_null"));
    }
    if (node.has("has_id")) {
      allowOnly(node, path, "has_id");
      if (nested) {
        throw bad(path, "has_id is not supported inside a nested filter; put it beside the nested condition");
      }
      return new Condition.HasId(ids(node.get("has_id"), path + ".has_id"));
    }
    if (node.has("nested")) {
      allowOnly(node, path, "nested");
      return nestedCondition(node.get("nested"), path + ".nested", depth);
    }
    if (node.has("has_vector")) {
      throw bad(path, "has_vector conditions are not supported (collections hold one unnamed vector)");
    }
    return filter(node, path, depth + 1, nested);
  }

  private static Condition nestedCondition(JsonNode node, String path, int depth) {
    object(node, path);
    allowOnly(node, path, "key", "filter");
    FieldPath key = key(node.get("key"), path + ".key");
    JsonNode inner = node.get("filter");
    if (absent(inner)) {
      throw bad(path, "needs a filter");
    }
    return new Condition.Nested(key, filter(inner, path + ".filter", depth + 1, true));
  }

  private static Condition fieldCondition(JsonNode node, String path) {
    FieldPath key = key(node.get("key"), path + ".key");
    Condition found = null;
    int operators = 0;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      JsonNode value = node.get(name);
      if (name.equals("key") || value.isNull()) {
        continue;
      }
      String at = path + "." + name;
      Condition c =
          switch (name) {
            case "match" -> new Condition.FieldMatch(key, MatchParser.match(value, at));
            case "range" -> range(key, value, at);
            case "keyword_range" -> new Condition.KeywordRange(key, keywordBounds(value, at));
            case "values_count" -> new Condition.ValuesCount(key, counts(value, at));
            case "is_empty" -> flag(new Condition.IsEmpty(key), value, at);
            case "is_null" -> flag(new Condition.IsNull(key), value, at);
            case "geo_bounding_box", "geo_radius", "geo_polygon" ->
                throw bad(at, "geo conditions are not supported");
            default ->
                throw bad(path, "unknown operator '" + name + "'; expected match, range, keyword_range, values_count, is_empty or is_null");
          };
      operators++;
      found = c;
    }
    if (operators != 1) {
      throw bad(path, "a field condition needs exactly one of match, range, keyword_range, values_count, is_empty, is_null; got " + operators);
    }
    return found;
  }

  /** {@code "is_empty": true} inside a field condition; false negates it. */
  private static Condition flag(Condition condition, JsonNode value, String path) {
    if (!value.isBoolean()) {
      throw bad(path, "expected true or false, got " + value);
    }
    return value.booleanValue() ? condition : Filter.mustNot(condition);
  }

  private static Condition range(FieldPath key, JsonNode node, String path) {
    object(node, path);
    allowOnly(node, path, "gt", "gte", "lt", "lte");
    boolean numbers = false;
    boolean strings = false;
    for (JsonNode v : node) {
      numbers |= v.isNumber();
      strings |= v.isTextual();
    }
    if (numbers && strings) {
      throw bad(path, "bounds mix numbers and date-times");
    }
    if (strings) {
      return new Condition.DatetimeRange(
          key,
          new Bounds<>(
              datetime(node.get("gt"), path + ".gt"),
              datetime(node.get("gte"), path + ".gte"),
              datetime(node.get("lt"), path + ".lt"),
              datetime(node.get("lte"), path + ".lte")));
    }
    return new Condition.NumberRange(
        key,
        new Bounds<>(
            number(node.get("gt"), path + ".gt"),
            number(node.get("gte"), path + ".gte"),
            number(node.get("lt"), path + ".lt"),
            number(node.get("lte"), path + ".lte")));
  }

  private static Bounds<String> keywordBounds(JsonNode node, String path) {
    return bounds(node, path, FilterParser::string);
  }

  /** The four bounds of a range object, each read by {@code read} (value, path) or null when absent. */
  private static <T extends Comparable<T>> Bounds<T> bounds(
      JsonNode node, String path, java.util.function.BiFunction<JsonNode, String, T> read) {
    object(node, path);
    allowOnly(node, path, "gt", "gte", "lt", "lte");
    return new Bounds<>(
        read.apply(node.get("gt"), path + ".gt"),
        read.apply(node.get("gte"), path + ".gte"),
        read.apply(node.get("lt"), path + ".lt"),
        read.apply(node.get("lte"), path + ".lte"));
  }

  private static String string(JsonNode v, String path) {
    if (absent(v)) {
      return null;
    }
    if (!v.isTextual()) {
      throw bad(path, "expected a string, got " + v);
    }
    return v.textValue();
  }

  private static Bounds<Integer> counts(JsonNode node, String path) {
    return bounds(node, path, FilterParser::count);
  }

  private static Double number(JsonNode v, String path) {
    if (absent(v)) {
      return null;
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw bad(path, "expected a number, got " + v);
    }
    return v.doubleValue();
  }

  private static Long datetime(JsonNode v, String path) {
    if (absent(v)) {
      return null;
    }
    Long micros = v.isTextual() ? DateTimes.parseMicros(v.textValue()) : null;
    if (micros == null) {
      throw bad(path, "expected an RFC 3339 date-time, got " + v);
    }
    return micros;
  }

  private static Integer count(JsonNode v, String path) {
    return absent(v) ? null : nonNegativeInt(v, path);
  }

  private static Set<PointId> ids(JsonNode node, String path) {
    Set<PointId> out = new LinkedHashSet<>();
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(PointId.fromJson(node.get(i), path + "[" + i + "]"));
      }
    } else {
      out.add(PointId.fromJson(node, path));
    }
    return out;
  }

  private static FieldPath payloadField(JsonNode node, String path) {
    object(node, path);
    allowOnly(node, path, "key");
    return key(node.get("key"), path + ".key");
  }

  static FieldPath key(JsonNode node, String path) {
    if (absent(node) || !node.isTextual()) {
      throw bad(path, "expected a payload key string, got " + node);
    }
    try {
      return FieldPath.parse(node.textValue());
    } catch (StoreException e) {
      throw bad(path, e.getMessage());
    }
  }

  static int nonNegativeInt(JsonNode v, String path) {
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
      throw bad(path, "expected a non-negative integer, got " + v);
    }
    return v.intValue();
  }

  static void object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw bad(path, "expected an object, got " + node);
    }
  }

  static void allowOnly(JsonNode node, String path, String... names) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!List.of(names).contains(name)) {
        throw bad(path, "unknown field '" + name + "'; expected " + String.join(", ", names));
      }
    }
  }

  static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  static StoreException bad(String path, String problem) {
    return StoreException.badRequest(path + ": " + problem);
  }
}
