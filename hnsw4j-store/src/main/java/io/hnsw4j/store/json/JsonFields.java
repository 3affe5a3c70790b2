package io.hnsw4j.store.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.model.StoreException;

/** Small readers shared by the request parsers; errors are BAD_REQUEST naming the JSON path. */
final class JsonFields {
  private JsonFields() {}

  static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  static StoreException bad(String path, String problem) {
    return StoreException.badRequest(path + ": " + problem);
  }

  static void object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw bad(path, "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
  }

  static int intOr(JsonNode node, String path, int fallback, int min) {
    if (absent(node)) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min) {
      throw bad(path, "expected an integer >= " + min + ", got " + node);
    }
    return node.intValue();
  }

  static Integer intOrNull(JsonNode node, String path, int min) {
    return absent(node) ? null : intOr(node, path, 0, min);
  }

  static boolean boolOr(JsonNode node, String path, boolean fallback) {
    if (absent(node)) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw bad(path, "expected true or false, got " + node);
    }
    return node.booleanValue();
  }

  static String text(JsonNode node, String path) {
    if (absent(node) || !node.isTextual()) {
      throw bad(path, "expected a string, got " + node);
    }
    return node.textValue();
  }
}
