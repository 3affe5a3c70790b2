package io.hnsw4j.store.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A key into a JSON payload, in Qdrant's syntax: {@code a.b} descends into objects, {@code a[]}
 * visits every element of an array, {@code a[2]} one element; a key that holds dots or brackets is
 * quoted ({@code "a.b".c}). A path never descends into an array without {@code []}: {@code a.b}
 * finds nothing when {@code a} is an array. Immutable; equal paths have equal canonical text.
 */
public final class FieldPath {
  /** One step of a path. */
  public sealed interface Segment {}

  /** An object key. */
  public record Key(String name) implements Segment {}

  /** {@code []}: every element of an array. */
  public record Each() implements Segment {}

  /** {@code [n]}: one element of an array. */
  public record Index(int index) implements Segment {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final List<Segment> segments;
  private final String text;

  private FieldPath(List<Segment> segments) {
    this.segments = List.copyOf(segments);
    this.text = render(this.segments);
  }

  /** Parses a key; BAD_REQUEST naming the key and the fault if it is malformed. */
  public static FieldPath parse(String key) {
    return new FieldPath(PathParser.parse(key));
  }

  public List<Segment> segments() {
    return segments;
  }

  /** This path with {@code []} appended unless it already ends so (the array a nested filter walks). */
  public FieldPath arrayKey() {
    if (segments.getLast() instanceof Each) {
      return this;
    }
    List<Segment> longer = new ArrayList<>(segments);
    longer.add(new Each());
    return new FieldPath(longer);
  }

  /**
   * The values this path reaches in {@code root}, as Qdrant's {@code value_get}: an array at the
   * end of the path is one value (conditions then look at its elements). Empty if nothing is
   * there.
   */
  public List<JsonNode> values(JsonNode root) {
    List<JsonNode> out = new ArrayList<>(1);
    collect(root, 0, out);
    return out;
  }

  private void collect(JsonNode node, int step, List<JsonNode> out) {
    if (node == null || node.isMissingNode()) {
      return;
    }
    if (step == segments.size()) {
      out.add(node);
      return;
    }
    switch (segments.get(step)) {
      case Key k -> {
        if (node.isObject()) {
          collect(node.get(k.name()), step + 1, out);
        }
      }
      case Each e -> {
        if (node.isArray()) {
          for (JsonNode element : node) {
            collect(element, step + 1, out);
          }
        }
      }
      case Index i -> {
        if (node.isArray()) {
          collect(node.get(i.index()), step + 1, out);
        }
      }
    }
  }

  /** Removes what this path reaches from {@code root} (a trailing {@code []} empties the array). */
  public void remove(ObjectNode root) {
    removeAt(root, 0);
  }

  private void removeAt(JsonNode node, int step) {
    boolean last = step == segments.size() - 1;
    switch (segments.get(step)) {
      case Key k -> {
        if (node instanceof ObjectNode object) {
          if (last) {
            object.remove(k.name());
          } else if (object.has(k.name())) {
            removeAt(object.get(k.name()), step + 1);
          }
        }
      }
      case Each e -> {
        if (node instanceof ArrayNode array) {
          if (last) {
            array.removeAll();
          } else {
            for (JsonNode element : array) {
              removeAt(element, step + 1);
            }
          }
        }
      }
      case Index i -> {
        if (node instanceof ArrayNode array && i.index() < array.size()) {
          if (last) {
            array.remove(i.index());
          } else {
            removeAt(array.get(i.index()), step + 1);
          }
        }
      }
    }
  }

  /**
   * Merges the keys of {@code source} into the object this path reaches in {@code root}, creating
   * objects on the way, as Qdrant's set-payload with a {@code key}: a step that meets a value of
   * the wrong kind replaces it (an object where a key is asked for, an array where {@code []} is).
   */
  public void mergeAt(ObjectNode root, ObjectNode source) {
    Segment first = segments.getFirst();
    if (!(first instanceof Key k)) {
      throw StoreException.badRequest("payload key '" + text + "' must start with a field name");
    }
    JsonNode child = root.get(k.name());
    root.set(k.name(), mergeInto(child, 1, source));
  }

  private JsonNode mergeInto(JsonNode node, int step, ObjectNode source) {
    if (step == segments.size()) {
      ObjectNode target = node instanceof ObjectNode o ? o : NODES.objectNode();
      source.properties().forEach(e -> target.set(e.getKey(), e.getValue().deepCopy()));
      return target;
    }
    switch (segments.get(step)) {
      case Key k -> {
        ObjectNode target = node instanceof ObjectNode o ? o : NODES.objectNode();
        target.set(k.name(), mergeInto(target.get(k.name()), step + 1, source));
        return target;
      }
      case Each e -> {
        if (!(node instanceof ArrayNode array)) {
          return NODES.arrayNode();
        }
        for (int i = 0; i < array.size(); i++) {
          array.set(i, mergeInto(array.get(i), step + 1, source));
        }
        return array;
      }
      case Index idx -> {
        if (!(node instanceof ArrayNode array)) {
          return NODES.arrayNode();
        }
        if (idx.index() < array.size()) {
          array.set(idx.index(), mergeInto(array.get(idx.index()), step + 1, source));
        }
        return array;
      }
    }
  }

  /**
   * Whether this path and {@code other} agree on every step both have (one is a prefix of the
   * other, with {@code []} and {@code [n]} agreeing): what a payload include-list keeps.
   */
  public boolean compatible(List<Segment> other) {
    int n = Math.min(segments.size(), other.size());
    for (int i = 0; i < n; i++) {
      Segment a = segments.get(i);
      Segment b = other.get(i);
      boolean arrays = !(a instanceof Key) && !(b instanceof Key);
      boolean same = a.equals(b) || (arrays && (a instanceof Each || b instanceof Each));
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /** The canonical text of the path. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldPath p && text.equals(p.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  private static String render(List<Segment> segments) {
    StringBuilder b = new StringBuilder();
    for (Segment s : segments) {
      switch (s) {
        case Key k -> {
          if (!b.isEmpty()) {
            b.append('.');
          }
          b.append(PathParser.plain(k.name()) ? k.name() : '"' + k.name() + '"');
        }
        case Each e -> b.append("[]");
        case Index i -> b.append('[').append(i.index()).append(']');
      }
    }
    return b.toString();
  }
}
