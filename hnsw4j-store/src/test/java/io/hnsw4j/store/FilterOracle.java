package io.hnsw4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.filter.Bounds;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.DateTimes;
import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.Match;
import io.hnsw4j.store.model.PointId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A brute-force reading of filters for tests, written apart from the store's evaluator: paths
 * are walked from their text, each operator spelled out from the documented rules. Supports the
 * paths tests use: {@code a}, {@code a.b}, {@code a[].b}, {@code a[0].b}.
 */
final class FilterOracle {
  private final Set<String> textIndexedKeys;

  FilterOracle(Set<String> textIndexedKeys) {
    this.textIndexedKeys = textIndexedKeys;
  }

  boolean passes(Filter f, PointId id, JsonNode payload) {
    boolean ok = true;
    if (f.must() != null) {
      for (Condition c : f.must()) {
        ok &= holds(c, id, payload);
      }
    }
    if (f.mustNot() != null) {
      for (Condition c : f.mustNot()) {
        ok &= !holds(c, id, payload);
      }
    }
    if (f.should() != null) {
      boolean any = false;
      for (Condition c : f.should()) {
        any |= holds(c, id, payload);
      }
      ok &= any;
    }
    if (f.minShould() != null) {
      int n = 0;
      for (Condition c : f.minShould().conditions()) {
        n += holds(c, id, payload) ? 1 : 0;
      }
      ok &= n >= f.minShould().minCount();
    }
    return ok;
  }

  private boolean holds(Condition c, PointId id, JsonNode payload) {
    if (c instanceof Filter f) {
      return passes(f, id, payload);
    }
    if (c instanceof Condition.HasId h) {
      return h.ids().contains(id);
    }
    if (c instanceof Condition.Nested n) {
      String key = n.key().toString();
      List<JsonNode> arrays = lookup(payload, key.endsWith("[]") ? key.substring(0, key.length() - 2) : key);
      FilterOracle plain = new FilterOracle(Set.of());
      for (JsonNode array : arrays) {
        if (array.isArray()) {
          for (JsonNode element : array) {
            if (element.isObject() && plain.passes(n.filter(), id, element)) {
              return true;
            }
          }
        }
      }
      return false;
    }
    Condition.FieldCondition fc = (Condition.FieldCondition) c;
    String key = fc.key().toString();
    List<JsonNode> values = lookup(payload, key);
    List<JsonNode> elements = new ArrayList<>();
    for (JsonNode v : values) {
      if (v.isArray()) {
        v.forEach(elements::add);
      } else {
        elements.add(v);
      }
    }
    if (c instanceof Condition.IsEmpty) {
      for (JsonNode v : values) {
        if (!(v.isNull() || (v.isArray() && v.size() == 0))) {
          return false;
        }
      }
      return true;
    }
    if (c instanceof Condition.IsNull) {
      for (JsonNode v : values) {
        if (v.isNull()) {
          return true;
        }
      }
      return false;
    }
    if (c instanceof Condition.ValuesCount vc) {
      int count = 0;
      for (JsonNode v : values) {
        count += v.isArray() ? v.size() : v.isNull() ? 0 : 1;
      }
      return inside(vc.bounds(), count);
    }
    if (c instanceof Condition.NumberRange r) {
      for (JsonNode e : elements) {
        if (e.isNumber() && inside(r.bounds(), e.asDouble())) {
          return true;
        }
      }
      return false;
    }
    if (c instanceof Condition.KeywordRange r) {
      for (JsonNode e : elements) {
        if (e.isTextual() && inside(r.bounds(), e.asText())) {
          return true;
        }
      }
      return false;
    }
    if (c instanceof Condition.DatetimeRange r) {
      for (JsonNode e : elements) {
        Long t = e.isTextual() ? DateTimes.parseMicros(e.asText()) : null;
        if (t != null && inside(r.bounds(), t)) {
          return true;
        }
      }
      return false;
    }
    Match m = ((Condition.FieldMatch) c).match();
    if (m instanceof Match.ExceptKeywords || m instanceof Match.ExceptIntegers) {
      if (values.isEmpty()) {
        return true;
      }
      for (JsonNode e : elements) {
        if (e.isNull()) {
          continue;
        }
        boolean listed =
            m instanceof Match.ExceptKeywords x
                ? e.isTextual() && x.values().contains(e.asText())
                : e.isIntegralNumber() && e.canConvertToLong() && ((Match.ExceptIntegers) m).values().contains(e.asLong());
        if (!listed) {
          return true;
        }
      }
      return false;
    }
    if (m instanceof Match.Text t) {
      if (textIndexedKeys.contains(key)) {
        Set<String> have = new HashSet<>();
        boolean anyText = false;
        for (JsonNode e : elements) {
          if (e.isTextual()) {
            anyText = true;
            have.addAll(words(e.asText()));
          }
        }
        return anyText && have.containsAll(words(t.text()));
      }
      for (JsonNode e : elements) {
        if (e.isTextual() && e.asText().contains(t.text())) {
          return true;
        }
      }
      return false;
    }
    for (JsonNode e : elements) {
      boolean integer = e.isIntegralNumber() && e.canConvertToLong();
      boolean hit =
          switch (m) {
            case Match.Keyword k -> e.isTextual() && e.asText().equals(k.value());
            case Match.Integer i -> integer && e.asLong() == i.value();
            case Match.Bool b -> e.isBoolean() && e.asBoolean() == b.value();
            case Match.AnyKeywords a -> e.isTextual() && a.values().contains(e.asText());
            case Match.AnyIntegers a -> integer && a.values().contains(e.asLong());
            default -> throw new IllegalStateException();
          };
      if (hit) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  private static <T extends Comparable<T>> boolean inside(Bounds<T> b, T v) {
    return (b.gt() == null || v.compareTo(b.gt()) > 0)
        && (b.gte() == null || v.compareTo(b.gte()) >= 0)
        && (b.lt() == null || v.compareTo(b.lt()) < 0)
        && (b.lte() == null || v.compareTo(b.lte()) <= 0);
  }

  /** The values a dotted path reaches: {@code name}, {@code name[]} or {@code name[i]} steps. */
  static List<JsonNode> lookup(JsonNode root, String path) {
    List<JsonNode> current = new ArrayList<>(List.of(root));
    for (String step : Arrays.asList(path.split("\\."))) {
      String name = step.contains("[") ? step.substring(0, step.indexOf('[')) : step;
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        if (node.isObject() && node.has(name)) {
          next.add(node.get(name));
        }
      }
      if (step.endsWith("[]")) {
        List<JsonNode> spread = new ArrayList<>();
        for (JsonNode n : next) {
          if (n.isArray()) {
            n.forEach(spread::add);
          }
        }
        next = spread;
      } else if (step.contains("[")) {
        int i = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1));
        List<JsonNode> picked = new ArrayList<>();
        for (JsonNode n : next) {
          if (n.isArray() && i < n.size()) {
            picked.add(n.get(i));
          }
        }
        next = picked;
      }
      current = next;
    }
    return current;
  }
}
