package io.hnsw4j.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.server.http.Access;
import io.hnsw4j.server.http.ApiException;
import io.hnsw4j.server.http.ApiRequest;
import io.hnsw4j.server.http.Json;
import io.hnsw4j.server.http.Reply;
import io.hnsw4j.server.http.Route;
import io.hnsw4j.server.http.Router;
import io.hnsw4j.store.Collection;
import io.hnsw4j.store.ScoredPoint;
import io.hnsw4j.store.SearchRequest;
import io.hnsw4j.store.json.RequestsJson;
import io.hnsw4j.store.model.StoreException;
import java.util.ArrayList;
import java.util.List;

/**
 * Nearest-neighbour search: {@code points/search}, {@code points/search/batch}, and the query API
 * {@code points/query} and {@code points/query/batch} for the queries hnsw4j answers (nearest to a
 * vector or to a stored point; see {@link QueryParser}).
 */
final class SearchApi {
  private static final BodyShape SEARCH = BodyShape.of("search request",
      List.of("vector", "filter", "params", "limit", "offset", "with_payload", "with_vector", "score_threshold"),
      List.of(), List.of("shard_key"));
  static final BodyShape PARAMS = BodyShape.of("search params",
      List.of("hnsw_ef", "exact"), List.of("quantization", "indexed_only", "acorn"), List.of());
  private static final BodyShape BATCH = BodyShape.of("batch request", List.of("searches"), List.of(), List.of());

  private final ApiContext ctx;

  SearchApi(ApiContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    router.add(new Route("POST", "/collections/{collection_name}/points/search", Access.READ, this::search));
    router.add(new Route("POST", "/collections/{collection_name}/points/search/batch", Access.READ, this::searchBatch));
    router.add(new Route("POST", "/collections/{collection_name}/points/query", Access.READ, this::query));
    router.add(new Route("POST", "/collections/{collection_name}/points/query/batch", Access.READ, this::queryBatch));
  }

  private Reply search(ApiRequest request) {
    Collection c = ctx.collection(request.path("collection_name"));
    SearchRequest search = parseSearch(request.bodyObject(), "");
    return new Reply.Result(scoredList(c.search(search)));
  }

  private Reply searchBatch(ApiRequest request) {
    Collection c = ctx.collection(request.path("collection_name"));
    List<SearchRequest> searches = new ArrayList<>();
    for (JsonNode item : batchItems(request.bodyObject())) {
      searches.add(parseSearch(item, "searches[" + searches.size() + "]."));
    }
    ArrayNode result = Json.array();
    for (int i = 0; i < searches.size(); i++) {
      result.add(scoredList(prefixed("searches[" + i + "].", searches.get(i), c::search)));
    }
    return new Reply.Result(result);
  }

  private Reply query(ApiRequest request) {
    Collection c = ctx.collection(request.path("collection_name"));
    QueryParser.Query query = QueryParser.parse(request.bodyObject(), "");
    return new Reply.Result(queryResponse(c.search(ctx.checked(query.resolve(c), ""))));
  }

  private Reply queryBatch(ApiRequest request) {
    Collection c = ctx.collection(request.path("collection_name"));
    List<QueryParser.Query> queries = new ArrayList<>();
    for (JsonNode item : batchItems(request.bodyObject())) {
      queries.add(QueryParser.parse(item, "searches[" + queries.size() + "]."));
    }
    ArrayNode result = Json.array();
    for (int i = 0; i < queries.size(); i++) {
      String at = "searches[" + i + "].";
      SearchRequest search = prefixed(at, queries.get(i), q -> ctx.checked(q.resolve(c), at));
      result.add(queryResponse(prefixed(at, search, c::search)));
    }
    return new Reply.Result(result);
  }

  private List<JsonNode> batchItems(JsonNode body) {
    BATCH.check(body, "body");
    JsonNode searches = body.get("searches");
    if (searches == null || !searches.isArray()) {
      throw ApiException.badRequest("searches: expected a list of requests");
    }
    ctx.checkSearchBatch(searches.size());
    List<JsonNode> items = new ArrayList<>();
    searches.forEach(items::add);
    return items;
  }

  /** Runs {@code step}, naming the batch entry in a store error's message. */
  private static <T, R> R prefixed(String at, T input, java.util.function.Function<T, R> step) {
    try {
      return step.apply(input);
    } catch (StoreException e) {
      throw new StoreException(e.kind(), at + e.getMessage());
    }
  }

  /** A {@code points/search} body; {@code at} prefixes error paths inside a batch. */
  private SearchRequest parseSearch(JsonNode body, String at) {
    SEARCH.check(body, at.isEmpty() ? "body" : at.substring(0, at.length() - 1));
    JsonNode params = body.get("params");
    if (params != null && !params.isNull()) {
      PARAMS.check(params, at + "params");
    }
    if (!body.has("limit")) {
      throw ApiException.badRequest(at + "limit is required");
    }
    try {
      return ctx.checked(RequestsJson.parseSearch(unnamedVector(body, at)), at);
    } catch (StoreException e) {
      throw at.isEmpty() ? e : new StoreException(e.kind(), at + e.getMessage());
    }
  }

  /** Qdrant's named form {@code {"name": "", "vector": [...]}} names the one unnamed vector. */
  private static JsonNode unnamedVector(JsonNode body, String at) {
    JsonNode vector = body.get("vector");
    if (vector == null || !vector.isObject()) {
      return body;
    }
    JsonNode name = vector.get("name");
    if (name == null || !name.isTextual() || !name.textValue().isEmpty()) {
      throw ApiException.badRequest(at + "vector: no vector named " + name + "; the collection has one unnamed vector: give the vector as a list of numbers");
    }
    ObjectNode copy = ((ObjectNode) body).deepCopy();
    copy.set("vector", vector.get("vector"));
    return copy;
  }

  private static ArrayNode scoredList(List<ScoredPoint> hits) {
    ArrayNode out = Json.array();
    hits.forEach(h -> out.add(JsonViews.scored(h)));
    return out;
  }

  private static ObjectNode queryResponse(List<ScoredPoint> hits) {
    ObjectNode out = Json.object();
    out.set("points", scoredList(hits));
    return out;
  }
}
