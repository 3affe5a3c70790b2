package io.hnsw4j.store.filter;

import static io.hnsw4j.store.filter.FilterParser.bad;
import static io.hnsw4j.store.filter.FilterParser.object;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/** Reads the object of a {@code match} condition: exactly one of value, any, except, text. */
final class MatchParser {
  private MatchParser() {}

  static Match match(JsonNode node, String path) {
    object(node, path);
    Match found = null;
    int operators = 0;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      JsonNode v = node.get(name);
      if (v.isNull()) {
        continue;
      }
      String at = path + "." + name;
      found =
          switch (name) {
            case "value" -> value(v, at);
            case "any" -> list(v, at, false);
            case "except" -> list(v, at, true);
            case "text" -> {
              if (!v.isTextual()) {
                throw bad(at, "expected a string, got " + v);
              }
              yield new Match.Text(v.textValue());
            }
            default -> throw bad(path, "unknown operator '" + name + "'; expected value, any, except or text");
          };
      operators++;
    }
    if (operators != 1) {
      throw bad(path, "expected exactly one of value, any, except, text; got " + operators);
    }
    return found;
  }

  private static Match value(JsonNode v, String path) {
    if (v.isTextual()) {
      return new Match.Keyword(v.textValue());
    }
    if (v.isBoolean()) {
      return new Match.Bool(v.booleanValue());
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return new Match.Integer(v.longValue());
    }
    throw bad(path, "expected a string, an integer or a boolean, got " + v);
  }

  private static Match list(JsonNode v, String path, boolean except) {
    if (!v.isArray()) {
      throw bad(path, "expected a list of strings or of integers, got " + v);
    }
    Set<String> strings = new LinkedHashSet<>();
    Set<Long> integers = new LinkedHashSet<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (e.isTextual()) {
        strings.add(e.textValue());
      } else if (e.isIntegralNumber() && e.canConvertToLong()) {
        integers.add(e.longValue());
      } else {
        throw bad(path + "[" + i + "]", "expected a string or an integer, got " + e);
      }
    }
    if (!strings.isEmpty() && !integers.isEmpty()) {
      throw bad(path, "mixes strings and integers");
    }
    if (integers.isEmpty()) {
      return except ? new Match.ExceptKeywords(strings) : new Match.AnyKeywords(strings);
    }
    return except ? new Match.ExceptIntegers(integers) : new Match.AnyIntegers(integers);
  }
}
