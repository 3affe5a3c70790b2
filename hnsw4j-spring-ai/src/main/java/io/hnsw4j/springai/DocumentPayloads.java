package io.hnsw4j.springai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PointId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;

/**
 * How a Spring AI {@link Document} lives in a point's payload (built with the store's Jackson 2
 * nodes by hand, so Spring's Jackson 3 never meets the store's Jackson 2):
 *
 * <pre>
 * content      the document's text
 * metadata     its metadata: strings, numbers, booleans, nulls, lists and maps as JSON; dates and
 *              instants as RFC 3339 strings (UTC), which date-time filters compare
 * original_id  the document id, when it is not a lower-case UUID ({@link PointId#forKey})
 * </pre>
 *
 * Metadata reads back as String, Integer (or Long when larger), Double (a Float as its exact
 * double), Boolean, null, List and Map.
 */
final class DocumentPayloads {
  static final String CONTENT = "content";
  static final String METADATA = "metadata";
  static final String ORIGINAL_ID = "original_id";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DocumentPayloads() {}

  /** The payload of a document. */
  static ObjectNode payload(Document document) {
    ObjectNode payload = NODES.objectNode();
    payload.put(CONTENT, document.getText());
    ObjectNode metadata = payload.putObject(METADATA);
    document.getMetadata().forEach((key, value) -> {
      checkKey(key);
      metadata.set(key, json(value, key));
    });
    String id = document.getId();
    if (!PointId.forKey(id).toString().equals(id)) {
      payload.put(ORIGINAL_ID, id);
    }
    return payload;
  }

  /** The document id a point stands for. */
  static String documentId(PointId id, ObjectNode payload) {
    JsonNode original = payload.get(ORIGINAL_ID);
    return original != null && original.isTextual() ? original.textValue() : id.toString();
  }

  private static JsonNode json(Object value, String key) {
    return switch (value) {
      case null -> NODES.nullNode();
      case String s -> NODES.textNode(s);
      case Boolean b -> NODES.booleanNode(b);
      case Integer i -> NODES.numberNode(i);
      case Long l -> NODES.numberNode(l);
      case Short s -> NODES.numberNode(s);
      case Byte b -> NODES.numberNode(b);
      case Float f -> NODES.numberNode(finite(key, f.doubleValue()));
      case Double d -> NODES.numberNode(finite(key, d));
      case java.math.BigDecimal d -> NODES.numberNode(finite(key, d.doubleValue()));
      case java.math.BigInteger i -> NODES.numberNode(i);
      case Date d -> NODES.textNode(d.toInstant().toString());
      case Instant t -> NODES.textNode(t.toString());
      case Enum<?> e -> NODES.textNode(e.name());
      case java.util.UUID u -> NODES.textNode(u.toString());
      case Iterable<?> items -> {
        ArrayNode array = NODES.arrayNode();
        items.forEach(item -> array.add(json(item, key)));
        yield array;
      }
      case Map<?, ?> map -> {
        ObjectNode object = NODES.objectNode();
        map.forEach((k, v) -> object.set(String.valueOf(k), json(v, key)));
        yield object;
      }
      default -> throw new IllegalArgumentException(
          "metadata '" + key + "' has a value of unsupported type " + value.getClass().getName());
    };
  }

  private static double finite(String key, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("metadata '" + key + "' is " + value + "; only finite numbers can be stored");
    }
    return value;
  }

  /** The metadata of a payload, as plain Java values. */
  static Map<String, Object> metadata(ObjectNode payload) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : payload.path(METADATA).properties()) {
      out.put(e.getKey(), java(e.getValue()));
    }
    return out;
  }

  private static Object java(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToInt() ? (Object) node.intValue() : node.canConvertToLong() ? node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(java(item)));
      return list;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), java(e.getValue())));
      return map;
    }
    return null;
  }

  /** The payload path of a metadata key (a literal top-level key: a dot is part of the name). */
  static FieldPath metadataPath(String key) {
    checkKey(key);
    return FieldPath.parse(METADATA + ".\"" + key + "\"");
  }

  private static void checkKey(String key) {
    if (key == null || key.isEmpty() || key.indexOf('"') >= 0) {
      throw new IllegalArgumentException("metadata key '" + key + "' cannot be stored: it must be non-empty and hold no double quote");
    }
  }
}
