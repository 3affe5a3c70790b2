package io.hnsw4j.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PointId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * How an embedding, its id and its {@link TextSegment} live in a point of the store. The payload:
 *
 * <pre>
 * text             the segment's text (absent when the embedding was added without a segment)
 * metadata         the segment's metadata: strings, integers and finite numbers, as JSON
 * metadata_types   key -> "integer", "float" or "uuid" for the values JSON cannot tell apart
 *                  (a plain JSON integer is a Long, a fraction a Double, a string a String)
 * original_id      the embedding id, when it is not a lower-case UUID (see {@link #pointId})
 * original_vector  the embedding as given (base64 of little-endian float32), when it was not of
 *                  unit length and the point holds it normalised
 * </pre>
 *
 * Floats are stored as the double their decimal form names ({@code 1.1f} as {@code 1.1}), as
 * LangChain4j compares numbers by their decimal forms; they read back as the same float.
 */
final class SegmentPayloads {
  static final String TEXT = "text";
  static final String METADATA = "metadata";
  static final String METADATA_TYPES = "metadata_types";
  static final String ORIGINAL_ID = "original_id";
  static final String ORIGINAL_VECTOR = "original_vector";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SegmentPayloads() {}

  /**
   * The point id of an embedding id ({@link PointId#forKey}): the UUID itself when the id is a
   * UUID in its canonical lower-case form (what LangChain4j generates), otherwise a name-based
   * UUID of the string, which is then kept in the payload so that it reads back unchanged.
   */
  static PointId pointId(String id) {
    return PointId.forKey(id);
  }

  /** The embedding id a point stands for. */
  static String embeddingId(PointId id, ObjectNode payload) {
    JsonNode original = payload == null ? null : payload.get(ORIGINAL_ID);
    return original != null && original.isTextual() ? original.textValue() : id.toString();
  }

  /** The payload of a point: the segment (may be null), the id and, when needed, the original vector. */
  static ObjectNode payload(String id, TextSegment segment, float[] originalVector) {
    ObjectNode payload = NODES.objectNode();
    if (segment != null) {
      payload.put(TEXT, segment.text());
      ObjectNode metadata = payload.putObject(METADATA);
      ObjectNode types = NODES.objectNode();
      for (Map.Entry<String, Object> e : segment.metadata().toMap().entrySet()) {
        put(metadata, types, e.getKey(), e.getValue());
      }
      if (!types.isEmpty()) {
        payload.set(METADATA_TYPES, types);
      }
    }
    if (!pointId(id).toString().equals(id)) {
      payload.put(ORIGINAL_ID, id);
    }
    if (originalVector != null) {
      ByteBuffer bytes = ByteBuffer.allocate(originalVector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(originalVector);
      payload.put(ORIGINAL_VECTOR, Base64.getEncoder().encodeToString(bytes.array()));
    }
    return payload;
  }

  private static void put(ObjectNode metadata, ObjectNode types, String key, Object value) {
    checkKey(key);
    switch (value) {
      case String s -> metadata.put(key, s);
      case UUID u -> {
        metadata.put(key, u.toString());
        types.put(key, "uuid");
      }
      case Integer i -> {
        metadata.put(key, i);
        types.put(key, "integer");
      }
      case Long l -> metadata.put(key, l);
      case Float f -> {
        metadata.put(key, floatAsDouble(finite(key, f)));
        types.put(key, "float");
      }
      case Double d -> metadata.put(key, finite(key, d));
      default ->
          throw new IllegalArgumentException("metadata '" + key + "' has a value of unsupported type " + value.getClass().getName());
    }
  }

  /**
   * The double a float's decimal form names, so that 1.1f equals 1.1 as LangChain4j's filters
   * judge it; falls back to the exact widening in the (theoretical) case where that double would
   * not narrow back to the same float.
   */
  static double floatAsDouble(float f) {
    double decimal = Double.parseDouble(Float.toString(f));
    return (float) decimal == f ? decimal : f;
  }

  private static <T extends Number> T finite(String key, T value) {
    if (!Double.isFinite(value.doubleValue())) {
      throw new IllegalArgumentException("metadata '" + key + "' is " + value + "; only finite numbers can be stored");
    }
    return value;
  }

  /** The payload path of a metadata key; the key may hold any character but a double quote. */
  static FieldPath metadataPath(String key) {
    checkKey(key);
    return FieldPath.parse(METADATA + ".\"" + key + "\"");
  }

  private static void checkKey(String key) {
    if (key == null || key.isEmpty() || key.indexOf('"') >= 0) {
      throw new IllegalArgumentException("metadata key '" + key + "' cannot be stored: it must be non-empty and hold no double quote");
    }
  }

  /** The segment a payload holds, or null when the embedding was added without one. */
  static TextSegment segment(ObjectNode payload) {
    JsonNode text = payload == null ? null : payload.get(TEXT);
    if (text == null || !text.isTextual()) {
      return null;
    }
    JsonNode types = payload.path(METADATA_TYPES);
    Metadata metadata = new Metadata();
    for (Map.Entry<String, JsonNode> e : payload.path(METADATA).properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      switch (types.path(key).asText("")) {
        case "uuid" -> metadata.put(key, UUID.fromString(v.textValue()));
        case "integer" -> metadata.put(key, v.intValue());
        case "float" -> metadata.put(key, (float) v.doubleValue());
        default -> {
          if (v.isTextual()) {
            metadata.put(key, v.textValue());
          } else if (v.isIntegralNumber()) {
            metadata.put(key, v.longValue());
          } else {
            metadata.put(key, v.doubleValue());
          }
        }
      }
    }
    return TextSegment.from(text.textValue(), metadata);
  }

  /** The vector as it was added: the payload's copy when the point holds it normalised. */
  static float[] originalVector(ObjectNode payload, float[] stored) {
    JsonNode original = payload == null ? null : payload.get(ORIGINAL_VECTOR);
    if (original == null || !original.isTextual()) {
      return stored;
    }
    ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(original.textValue())).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[bytes.remaining() / Float.BYTES];
    bytes.asFloatBuffer().get(out);
    return out;
  }
}
