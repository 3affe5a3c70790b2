package io.hnsw4j.store.json;

import static io.hnsw4j.store.json.JsonFields.absent;
import static io.hnsw4j.store.json.JsonFields.bad;
import static io.hnsw4j.store.json.JsonFields.object;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.ScrollRequest;
import io.hnsw4j.store.SearchRequest;
import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.FilterParser;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.model.PayloadSelector;
import io.hnsw4j.store.model.PointId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Qdrant's read-request bodies (search, scroll, count) and their parts: {@code with_payload},
 * {@code with_vector}, and the {@code field_schema} of a payload index. Fields this store has no
 * use for (such as {@code params.quantization}) are ignored, as Qdrant ignores unknown fields;
 * filters are read strictly by {@link FilterParser}.
 */
public final class RequestsJson {
  private RequestsJson() {}

  /** A {@code points/search} body. */
  public static SearchRequest parseSearch(JsonNode body) {
    object(body, "body");
    JsonNode params = body.get("params");
    if (!absent(params)) {
      object(params, "params");
    }
    JsonNode threshold = body.get("score_threshold");
    if (!absent(threshold) && !threshold.isNumber()) {
      throw bad("score_threshold", "expected a number, got " + threshold);
    }
    return SearchRequest.builder(PointsJson.parseVector(body.get("vector"), "vector"))
        .limit(JsonFields.intOr(body.get("limit"), "limit", 10, 1))
        .offset(JsonFields.intOr(body.get("offset"), "offset", 0, 0))
        .scoreThreshold(absent(threshold) ? null : threshold.floatValue())
        .ef(absent(params) ? null : JsonFields.intOrNull(params.get("hnsw_ef"), "params.hnsw_ef", 1))
        .exact(!absent(params) && JsonFields.boolOr(params.get("exact"), "params.exact", false))
        .filter(FilterParser.parse(body.get("filter"), "filter"))
        .withPayload(parsePayloadSelector(body.get("with_payload"), "with_payload", PayloadSelector.NONE))
        .withVector(parseWithVector(body.get("with_vector"), "with_vector", false))
        .build();
  }

  /** A {@code points/search/batch} body: {@code {"searches": [...]}}. */
  public static List<SearchRequest> parseSearchBatch(JsonNode body) {
    object(body, "body");
    JsonNode searches = body.get("searches");
    if (absent(searches) || !searches.isArray()) {
      throw bad("searches", "expected a list of search requests");
    }
    List<SearchRequest> out = new ArrayList<>(searches.size());
    for (int i = 0; i < searches.size(); i++) {
      try {
        out.add(parseSearch(searches.get(i)));
      } catch (io.hnsw4j.store.model.StoreException e) {
        throw bad("searches[" + i + "]", e.getMessage());
      }
    }
    return out;
  }

  /** A {@code points/scroll} body (absent body: the defaults). */
  public static ScrollRequest parseScroll(JsonNode body) {
    if (absent(body)) {
      return ScrollRequest.first(10);
    }
    object(body, "body");
    JsonNode offset = body.get("offset");
    return new ScrollRequest(
        FilterParser.parse(body.get("filter"), "filter"),
        JsonFields.intOr(body.get("limit"), "limit", 10, 1),
        absent(offset) ? null : PointId.fromJson(offset, "offset"),
        parsePayloadSelector(body.get("with_payload"), "with_payload", PayloadSelector.ALL),
        parseWithVector(body.get("with_vector"), "with_vector", false));
  }

  /** The filter of a {@code points/count} body (null: count all). */
  public static Filter parseCountFilter(JsonNode body) {
    if (absent(body)) {
      return null;
    }
    object(body, "body");
    return FilterParser.parse(body.get("filter"), "filter");
  }

  /** Whether a {@code points/count} body asks for an exact count (Qdrant's default: true). */
  public static boolean parseCountExact(JsonNode body) {
    return absent(body) || JsonFields.boolOr(body.get("exact"), "exact", true);
  }

  /**
   * {@code with_payload}: true, false, a list of keys (include), {@code {"include": [...]}} or
   * {@code {"exclude": [...]}}; absent gives {@code fallback}.
   */
  public static PayloadSelector parsePayloadSelector(JsonNode node, String path, PayloadSelector fallback) {
    if (absent(node)) {
      return fallback;
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? PayloadSelector.ALL : PayloadSelector.NONE;
    }
    if (node.isArray()) {
      return PayloadSelector.include(keys(node, path));
    }
    if (node.isObject()) {
      boolean include = node.has("include");
      boolean exclude = node.has("exclude");
      if (include == exclude || node.size() != 1) {
        throw bad(path, "expected exactly one of include and exclude");
      }
      return include
          ? PayloadSelector.include(keys(node.get("include"), path + ".include"))
          : PayloadSelector.exclude(keys(node.get("exclude"), path + ".exclude"));
    }
    throw bad(path, "expected true, false, a list of keys, or {include|exclude: [...]}, got " + node);
  }

  /**
   * {@code with_vector}: true, false, or a list of vector names; the collection's one vector is
   * unnamed (""), so a list asks for it if it names "".
   */
  public static boolean parseWithVector(JsonNode node, String path, boolean fallback) {
    if (absent(node)) {
      return fallback;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isArray()) {
      boolean wanted = false;
      for (int i = 0; i < node.size(); i++) {
        String name = JsonFields.text(node.get(i), path + "[" + i + "]");
        if (!name.isEmpty()) {
          throw bad(path + "[" + i + "]", "no vector named '" + name + "'; the collection has one unnamed vector");
        }
        wanted = true;
      }
      return wanted;
    }
    throw bad(path, "expected true, false or a list of vector names, got " + node);
  }

  /** A payload index's {@code field_schema}: a type name, or {@code {"type": name, ...}}. */
  public static PayloadSchemaType parseFieldSchema(JsonNode node, String path) {
    if (absent(node)) {
      throw bad(path, "field_schema is required");
    }
    String name = node.isObject() ? JsonFields.text(node.get("type"), path + ".type") : JsonFields.text(node, path);
    try {
      return PayloadSchemaType.parse(name);
    } catch (io.hnsw4j.store.model.StoreException e) {
      throw bad(path, e.getMessage());
    }
  }

  /** A payload key given as a string. */
  public static FieldPath parseKey(JsonNode node, String path) {
    String key = JsonFields.text(node, path);
    try {
      return FieldPath.parse(key);
    } catch (io.hnsw4j.store.model.StoreException e) {
      throw bad(path, e.getMessage());
    }
  }

  private static List<FieldPath> keys(JsonNode node, String path) {
    if (absent(node) || !node.isArray()) {
      throw bad(path, "expected a list of payload keys");
    }
    List<FieldPath> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(parseKey(node.get(i), path + "[" + i + "]"));
    }
    return out;
  }
}
