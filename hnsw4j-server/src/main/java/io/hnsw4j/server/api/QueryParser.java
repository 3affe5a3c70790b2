package io.hnsw4j.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.server.http.ApiException;
import io.hnsw4j.store.Collection;
import io.hnsw4j.store.RetrievedPoint;
import io.hnsw4j.store.SearchRequest;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.FilterParser;
import io.hnsw4j.store.json.PointsJson;
import io.hnsw4j.store.json.RequestsJson;
import io.hnsw4j.store.model.PayloadSelector;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.model.StoreException;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code points/query} body. hnsw4j answers the nearest-neighbour queries of Qdrant's query
 * API: {@code query} as a vector, as {@code {"nearest": vector}}, or as a point id (or
 * {@code {"nearest": id}}), which searches near that point's vector and leaves the point itself
 * out, as Qdrant does. The other query kinds (recommend, discover, context, order_by, fusion,
 * formula, sample), prefetches, named or sparse vectors and server-side inference are refused with
 * 400 naming what was asked.
 */
final class QueryParser {
  private static final BodyShape QUERY = BodyShape.of("query request",
      List.of("query", "filter", "params", "score_threshold", "limit", "offset", "with_payload", "with_vector", "using"),
      List.of(), List.of("shard_key", "prefetch", "lookup_from"));
  private static final BodyShape NEAREST = BodyShape.of("nearest query", List.of("nearest"), List.of(), List.of("mmr"));

  /** A parsed query: near {@code vector}, or near the stored point {@code pointId}. */
  record Query(float[] vector, PointId pointId, SearchRequest template) {

    /** The search to run; reads the vector of {@code pointId} (404 if there is no such point). */
    SearchRequest resolve(Collection c) {
      if (vector != null) {
        return withVector(vector, template.filter());
      }
      List<RetrievedPoint> found = c.retrieve(List.of(pointId), PayloadSelector.NONE, true);
      if (found.isEmpty()) {
        throw StoreException.notFound("no point with id " + pointId + " in collection " + c.name());
      }
      Condition exclude = new Condition.HasId(Set.of(pointId));
      Filter filter = template.filter() == null
          ? Filter.mustNot(exclude)
          : new Filter(List.of(template.filter()), null, List.of(exclude), null);
      return withVector(found.getFirst().vector(), filter);
    }

    private SearchRequest withVector(float[] v, Filter filter) {
      SearchRequest t = template;
      return new SearchRequest(v, t.limit(), t.offset(), t.scoreThreshold(), t.ef(), t.exact(), filter, t.withPayload(), t.withVector());
    }
  }

  private QueryParser() {}

  /** Parses one query; {@code at} prefixes error paths inside a batch. */
  static Query parse(JsonNode body, String at) {
    QUERY.check(body, at.isEmpty() ? "body" : at.substring(0, at.length() - 1));
    try {
      return parseChecked(body, at);
    } catch (StoreException e) {
      throw at.isEmpty() ? e : new StoreException(e.kind(), at + e.getMessage());
    }
  }

  private static Query parseChecked(JsonNode body, String at) {
    JsonNode using = body.get("using");
    if (using != null && !using.isNull() && !(using.isTextual() && using.textValue().isEmpty())) {
      throw ApiException.badRequest(at + "using: no vector named " + using + "; the collection has one unnamed vector");
    }
    JsonNode params = body.get("params");
    if (params != null && !params.isNull()) {
      SearchApi.PARAMS.check(params, at + "params");
    }
    JsonNode exact = params == null ? null : params.get("exact");
    if (exact != null && !exact.isBoolean() && !exact.isNull()) {
      throw ApiException.badRequest(at + "params.exact: expected true or false, got " + exact);
    }
    JsonNode hnswEf = params == null ? null : params.get("hnsw_ef");
    JsonNode threshold = body.get("score_threshold");
    if (threshold != null && !threshold.isNull() && !threshold.isNumber()) {
      throw ApiException.badRequest(at + "score_threshold: expected a number, got " + threshold);
    }
    SearchRequest template = SearchRequest.builder(null)
        .limit(intOr(body.get("limit"), at + "limit", 10, 1))
        .offset(intOr(body.get("offset"), at + "offset", 0, 0))
        .scoreThreshold(threshold == null || threshold.isNull() ? null : threshold.floatValue())
        .ef(hnswEf == null || hnswEf.isNull() ? null : intOr(hnswEf, at + "params.hnsw_ef", 0, 1))
        .exact(exact != null && exact.asBoolean(false))
        .filter(FilterParser.parse(body.get("filter"), "filter"))
        .withPayload(RequestsJson.parsePayloadSelector(body.get("with_payload"), "with_payload", PayloadSelector.NONE))
        .withVector(RequestsJson.parseWithVector(body.get("with_vector"), "with_vector", false))
        .build();
    JsonNode query = body.get("query");
    if (query == null || query.isNull()) {
      throw ApiException.badRequest(at + "query is required: hnsw4j answers nearest-neighbour queries (a vector, a point id or {\"nearest\": ...}); "
          + "use points/scroll to list points");
    }
    if (query.isObject()) {
      if (!query.has("nearest")) {
        String kind = query.fieldNames().hasNext() ? query.fieldNames().next() : "{}";
        throw ApiException.badRequest(at + "query: '" + kind + "' queries are not supported by hnsw4j; supported: a vector, a point id, {\"nearest\": vector or id}");
      }
      NEAREST.check(query, at + "query");
      query = query.get("nearest");
    }
    return input(query, at + "query", template);
  }

  /** Qdrant's VectorInput: a dense vector or a point id. */
  private static Query input(JsonNode node, String path, SearchRequest template) {
    if (node.isArray()) {
      if (!node.isEmpty() && node.get(0).isArray()) {
        throw ApiException.badRequest(path + ": multi-vectors are not supported; give one vector as a list of numbers");
      }
      return new Query(PointsJson.parseVector(node, path), null, template);
    }
    if (node.isIntegralNumber() || node.isTextual()) {
      return new Query(null, PointId.fromJson(node, path), template);
    }
    if (node.isObject() && (node.has("indices") || node.has("values"))) {
      throw ApiException.badRequest(path + ": sparse vectors are not supported");
    }
    if (node.isObject() && (node.has("text") || node.has("image") || node.has("object"))) {
      throw ApiException.badRequest(path + ": server-side inference (documents, images, objects) is not supported; send a vector");
    }
    throw ApiException.badRequest(path + ": expected a vector (a list of numbers) or a point id, got " + node);
  }

  private static int intOr(JsonNode node, String path, int fallback, int min) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min) {
      throw ApiException.badRequest(path + ": expected an integer >= " + min + ", got " + node);
    }
    return node.intValue();
  }
}
