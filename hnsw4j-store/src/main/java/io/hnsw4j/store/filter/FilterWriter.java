package io.hnsw4j.store.filter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a {@link Filter} as Qdrant's JSON, which {@link FilterParser} reads back to an equal
 * filter. The write-ahead log stores filters this way.
 */
public final class FilterWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private FilterWriter() {}

  /** The filter as Qdrant's JSON. */
  public static ObjectNode write(Filter filter) {
    ObjectNode out = NODES.objectNode();
    clause(out, "must", filter.must());
    clause(out, "should", filter.should());
    clause(out, "must_not", filter.mustNot());
    if (filter.minShould() != null) {
      ObjectNode min = out.putObject("min_should");
      min.set("conditions", list(filter.minShould().conditions()));
      min.put("min_count", filter.minShould().minCount());
    }
    return out;
  }

  private static void clause(ObjectNode out, String name, List<Condition> conditions) {
    if (conditions != null) {
      out.set(name, list(conditions));
    }
  }

  private static ArrayNode list(List<Condition> conditions) {
    ArrayNode array = NODES.arrayNode();
    conditions.forEach(c -> array.add(condition(c)));
    return array;
  }

  private static ObjectNode condition(Condition c) {
    ObjectNode out = NODES.objectNode();
    switch (c) {
      case Filter f -> {
        return write(f);
      }
      case Condition.FieldMatch m -> out.put("key", m.key().toString()).set("match", match(m.match()));
      case Condition.NumberRange r -> out.put("key", r.key().toString()).set("range", bounds(r.bounds(), NODES::numberNode));
      case Condition.DatetimeRange r ->
          out.put("key", r.key().toString()).set("range", bounds(r.bounds(), v -> NODES.textNode(DateTimes.format(v))));
      case Condition.KeywordRange r -> out.put("key", r.key().toString()).set("keyword_range", bounds(r.bounds(), NODES::textNode));
      case Condition.ValuesCount v -> out.put("key", v.key().toString()).set("values_count", bounds(v.bounds(), NODES::numberNode));
      case Condition.IsEmpty e -> out.putObject("is_empty").put("key", e.key().toString());
      case Condition.IsNull n -> out.putObject("is_null").put("key", n.key().toString());
      case Condition.HasId h -> {
        ArrayNode ids = out.putArray("has_id");
        h.ids().forEach(id -> ids.add(id.toJson()));
      }
      case Condition.Nested n -> {
        ObjectNode nested = out.putObject("nested");
        nested.put("key", n.key().toString());
        nested.set("filter", write(n.filter()));
      }
    }
    return out;
  }

  private static ObjectNode match(Match m) {
    ObjectNode out = NODES.objectNode();
    switch (m) {
      case Match.Keyword k -> out.put("value", k.value());
      case Match.Integer i -> out.put("value", i.value());
      case Match.Bool b -> out.put("value", b.value());
      case Match.AnyKeywords a -> out.set("any", strings(a.values()));
      case Match.AnyIntegers a -> out.set("any", longs(a.values()));
      case Match.ExceptKeywords e -> out.set("except", strings(e.values()));
      case Match.ExceptIntegers e -> out.set("except", longs(e.values()));
      case Match.Text t -> out.put("text", t.text());
    }
    return out;
  }

  private static ArrayNode strings(Collection<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static ArrayNode longs(Collection<Long> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static <T extends Comparable<T>> ObjectNode bounds(
      Bounds<T> b, Function<T, com.fasterxml.jackson.databind.JsonNode> node) {
    ObjectNode out = NODES.objectNode();
    if (b.gt() != null) {
      out.set("gt", node.apply(b.gt()));
    }
    if (b.gte() != null) {
      out.set("gte", node.apply(b.gte()));
    }
    if (b.lt() != null) {
      out.set("lt", node.apply(b.lt()));
    }
    if (b.lte() != null) {
      out.set("lte", node.apply(b.lte()));
    }
    return out;
  }
}
