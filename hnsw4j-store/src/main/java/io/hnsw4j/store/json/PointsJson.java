package io.hnsw4j.store.json;

import static io.hnsw4j.store.json.JsonFields.absent;
import static io.hnsw4j.store.json.JsonFields.bad;
import static io.hnsw4j.store.json.JsonFields.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.filter.FilterParser;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Qdrant's point request bodies: upserts in list form ({@code {"points": [{"id", "vector",
 * "payload"}]}}) and batch form ({@code {"batch": {"ids", "vectors", "payloads"}}}), id lists,
 * vectors, payloads, and the points-or-filter selector of deletes and payload updates. Errors are
 * BAD_REQUEST naming the JSON path ({@code points[2].vector[5]: expected a number}).
 */
public final class PointsJson {
  private PointsJson() {}

  /** The points of an upsert body, in either form. Dimensions are checked by the collection. */
  public static List<Point> parseUpsert(JsonNode body) {
    object(body, "body");
    if (body.has("points") && body.has("batch")) {
      throw bad("body", "give either points or batch, not both");
    }
    if (!absent(body.get("batch"))) {
      return parseBatch(body.get("batch"), "batch");
    }
    JsonNode points = body.get("points");
    if (absent(points) || !points.isArray()) {
      throw bad("points", "expected a list of points");
    }
    List<Point> out = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      String at = "points[" + i + "]";
      JsonNode p = points.get(i);
      object(p, at);
      out.add(new Point(PointId.fromJson(p.get("id"), at + ".id"), parseVector(p.get("vector"), at + ".vector"), parsePayload(p.get("payload"), at + ".payload")));
    }
    return out;
  }

  private static List<Point> parseBatch(JsonNode batch, String path) {
    object(batch, path);
    List<PointId> ids = parseIds(batch.get("ids"), path + ".ids");
    JsonNode vectors = batch.get("vectors");
    if (absent(vectors) || !vectors.isArray() || vectors.size() != ids.size()) {
      throw bad(path + ".vectors", "expected a list of " + ids.size() + " vectors, one per id");
    }
    JsonNode payloads = batch.get("payloads");
    if (!absent(payloads) && (!payloads.isArray() || payloads.size() != ids.size())) {
      throw bad(path + ".payloads", "expected a list of " + ids.size() + " payloads, one per id");
    }
    List<Point> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      ObjectNode payload = absent(payloads) ? null : parsePayload(payloads.get(i), path + ".payloads[" + i + "]");
      out.add(new Point(ids.get(i), parseVector(vectors.get(i), path + ".vectors[" + i + "]"), payload));
    }
    return out;
  }

  /** A list of point ids (numbers or UUID strings). */
  public static List<PointId> parseIds(JsonNode node, String path) {
    if (absent(node) || !node.isArray()) {
      throw bad(path, "expected a list of point ids");
    }
    List<PointId> ids = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      ids.add(PointId.fromJson(node.get(i), path + "[" + i + "]"));
    }
    return ids;
  }

  /** A dense vector: a list of numbers. */
  public static float[] parseVector(JsonNode node, String path) {
    if (absent(node)) {
      throw bad(path, "a vector is required");
    }
    if (!node.isArray()) {
      throw bad(path, "expected a list of numbers (this collection has one unnamed vector), got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    float[] v = new float[node.size()];
    for (int i = 0; i < v.length; i++) {
      JsonNode x = node.get(i);
      if (!x.isNumber()) {
        throw bad(path + "[" + i + "]", "expected a number, got " + x);
      }
      v[i] = x.floatValue();
    }
    return v;
  }

  /** A payload: a JSON object; absent or null gives an empty one. */
  public static ObjectNode parsePayload(JsonNode node, String path) {
    if (absent(node)) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!(node instanceof ObjectNode object)) {
      throw bad(path, "a payload must be a JSON object, got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return object;
  }

  /**
   * The points a delete or payload update applies to: {@code "points": [ids]} or
   * {@code "filter": {...}} in {@code body}.
   */
  public static PointSelector parseSelector(JsonNode body) {
    object(body, "body");
    boolean hasPoints = !absent(body.get("points"));
    boolean hasFilter = !absent(body.get("filter"));
    if (hasPoints == hasFilter) {
      throw bad("body", "give exactly one of points and filter");
    }
    return hasPoints
        ? PointSelector.ids(parseIds(body.get("points"), "points"))
        : PointSelector.matching(FilterParser.parse(body.get("filter"), "filter"));
  }
}
