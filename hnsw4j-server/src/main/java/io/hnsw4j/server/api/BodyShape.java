package io.hnsw4j.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.server.http.ApiException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The fields one kind of request object may have. Qdrant's own fields fall in three groups:
 * supported (read by the endpoint), ignored (they tune what hnsw4j has no counterpart for and
 * change no answer: {@code on_disk}, {@code optimizers_config}, {@code params.quantization}), and
 * unsupported (they would change the answer, such as {@code order_by} or {@code shard_key}): set
 * to anything but null, they are refused with 400. A field Qdrant does not know either, such as a
 * misspelt {@code limt}, is refused with 400 naming the known fields, where Qdrant would silently
 * ignore it.
 */
record BodyShape(String what, List<String> supported, Set<String> ignored, Set<String> unsupported) {

  static BodyShape of(String what, List<String> supported, List<String> ignored, List<String> unsupported) {
    return new BodyShape(what, List.copyOf(supported), Set.copyOf(ignored), Set.copyOf(unsupported));
  }

  /** Checks a body that may be absent altogether (scroll and count take no body at all). */
  void checkIfPresent(JsonNode body) {
    if (!body.isMissingNode()) {
      check(body, "body");
    }
  }

  /** Checks {@code node} (an object at {@code path} of the body); 400 naming the first bad field. */
  void check(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest(path + ": expected a JSON object for the " + what);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (supported.contains(field) || ignored.contains(field)) {
        continue;
      }
      if (unsupported.contains(field)) {
        if (!node.get(field).isNull()) {
          throw ApiException.badRequest(at(path, field) + " is not supported by hnsw4j (" + what + ")");
        }
        continue;
      }
      throw ApiException.badRequest(at(path, field) + ": unknown field of the " + what + "; known fields: " + String.join(", ", supported));
    }
  }

  private static String at(String path, String field) {
    return path.isEmpty() || path.equals("body") ? field : path + "." + field;
  }
}
