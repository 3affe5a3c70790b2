package io.hnsw4j.store.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which part of a payload a read returns (Qdrant's {@code with_payload}): all of it, none, only
 * the listed keys ({@code include}), or all but the listed keys ({@code exclude}). Keys are
 * {@link FieldPath}s; an include keeps a key whose path agrees with a listed one step by step.
 */
public record PayloadSelector(Mode mode, List<FieldPath> keys) {
  public enum Mode {
    ALL,
    NONE,
    INCLUDE,
    EXCLUDE
  }

  public static final PayloadSelector ALL = new PayloadSelector(Mode.ALL, List.of());
  public static final PayloadSelector NONE = new PayloadSelector(Mode.NONE, List.of());

  public PayloadSelector {
    keys = List.copyOf(keys);
  }

  public static PayloadSelector include(List<FieldPath> keys) {
    return new PayloadSelector(Mode.INCLUDE, keys);
  }

  public static PayloadSelector exclude(List<FieldPath> keys) {
    return new PayloadSelector(Mode.EXCLUDE, keys);
  }

  /** The selected part of {@code payload} as a new object, or null when nothing is wanted. */
  public ObjectNode apply(ObjectNode payload) {
    return switch (mode) {
      case NONE -> null;
      case ALL -> payload.deepCopy();
      case EXCLUDE -> {
        ObjectNode copy = payload.deepCopy();
        keys.forEach(k -> k.remove(copy));
        yield copy;
      }
      case INCLUDE -> (ObjectNode) keep(payload, new ArrayList<>());
    };
  }

  /** The part of {@code node} (reached by {@code path}) that some include key agrees with. */
  private JsonNode keep(JsonNode node, List<FieldPath.Segment> path) {
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        path.add(new FieldPath.Key(e.getKey()));
        JsonNode kept = select(e.getValue(), path);
        if (kept != null) {
          out.set(e.getKey(), kept);
        }
        path.removeLast();
      }
      return out;
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < node.size(); i++) {
      path.add(new FieldPath.Index(i));
      JsonNode kept = select(node.get(i), path);
      if (kept != null) {
        out.add(kept);
      }
      path.removeLast();
    }
    return out;
  }

  /** The value at {@code path}: whole if an include key ends here or above, filtered if below. */
  private JsonNode select(JsonNode value, List<FieldPath.Segment> path) {
    boolean covered = false;
    boolean deeper = false;
    for (FieldPath key : keys) {
      if (key.compatible(path)) {
        if (key.segments().size() <= path.size()) {
          covered = true;
        } else {
          deeper = true;
        }
      }
    }
    if (covered) {
      return value.deepCopy();
    }
    return deeper && (value.isObject() || value.isArray()) ? keep(value, path) : null;
  }
}
