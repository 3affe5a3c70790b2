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
import io.hnsw4j.store.RetrievedPoint;
import io.hnsw4j.store.ScrollPage;
import io.hnsw4j.store.ScrollRequest;
import io.hnsw4j.store.UpdateResult;
import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.json.PointsJson;
import io.hnsw4j.store.json.RequestsJson;
import io.hnsw4j.store.model.PayloadSelector;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.model.StoreException;
import java.util.List;

/** Upsert, retrieve, get, delete, scroll and count points ({@code /collections/{name}/points...}). */
final class PointsApi {
  static final BodyShape UPSERT = BodyShape.of("upsert request",
      List.of("points", "batch", "update_mode"), List.of(), List.of("shard_key", "update_filter"));
  private static final BodyShape POINT = BodyShape.of("point", List.of("id", "vector", "payload"), List.of(), List.of());
  private static final BodyShape BATCH = BodyShape.of("batch", List.of("ids", "vectors", "payloads"), List.of(), List.of());
  static final BodyShape SELECTOR = BodyShape.of("points selector", List.of("points", "filter"), List.of(), List.of("shard_key"));
  private static final BodyShape RETRIEVE = BodyShape.of("retrieve request",
      List.of("ids", "with_payload", "with_vector"), List.of(), List.of("shard_key"));
  private static final BodyShape SCROLL = BodyShape.of("scroll request",
      List.of("offset", "limit", "filter", "with_payload", "with_vector"), List.of(), List.of("shard_key", "order_by"));
  private static final BodyShape COUNT = BodyShape.of("count request", List.of("filter", "exact"), List.of(), List.of("shard_key"));

  private final ApiContext ctx;

  PointsApi(ApiContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    router.add(new Route("PUT", "/collections/{collection_name}/points", Access.WRITE, this::upsert));
    router.add(new Route("POST", "/collections/{collection_name}/points", Access.READ, this::retrieve));
    router.add(new Route("GET", "/collections/{collection_name}/points/{id}", Access.READ, this::getOne));
    router.add(new Route("POST", "/collections/{collection_name}/points/delete", Access.WRITE, this::delete));
    router.add(new Route("POST", "/collections/{collection_name}/points/scroll", Access.READ, this::scroll));
    router.add(new Route("POST", "/collections/{collection_name}/points/count", Access.READ, this::count));
  }

  private Reply upsert(ApiRequest request) {
    Collection c = ctx.collection(request.path("collection_name"));
    Write write = parseUpsert(request.bodyObject(), "body");
    return new Reply.Result(JsonViews.update(write.apply(c, request.queryFlag("wait", false))));
  }

  /** An upsert body (list or batch form), checked field by field and against the batch limit. */
  Write parseUpsert(JsonNode body, String path) {
    UPSERT.check(body, path);
    JsonNode mode = body.get("update_mode");
    if (mode != null && !mode.isNull() && !"upsert".equals(mode.asText())) {
      throw ApiException.badRequest(path + ".update_mode: only upsert is supported, got " + mode);
    }
    JsonNode list = body.get("points");
    if (list != null && list.isArray()) {
      ctx.checkBatch(list.size(), "points");
      for (int i = 0; i < list.size(); i++) {
        POINT.check(list.get(i), "points[" + i + "]");
      }
    }
    JsonNode batch = body.get("batch");
    if (batch != null && !batch.isNull()) {
      BATCH.check(batch, "batch");
      JsonNode ids = batch.get("ids");
      ctx.checkBatch(ids == null ? 0 : ids.size(), "batch.ids");
    }
    List<Point> points = PointsJson.parseUpsert(body);
    return new Write() {
      @Override
      public UpdateResult apply(Collection c, boolean wait) {
        return c.upsert(points, wait);
      }

      @Override
      public void check(Collection c) {
        c.checkPoints(points);
      }
    };
  }

  private Reply retrieve(ApiRequest request) {
    Collection c = ctx.collection(request.path("collection_name"));
    JsonNode body = request.bodyObject();
    RETRIEVE.check(body, "body");
    List<PointId> ids = PointsJson.parseIds(body.get("ids"), "ids");
    ctx.checkBatch(ids.size(), "ids");
    List<RetrievedPoint> points = c.retrieve(ids,
        RequestsJson.parsePayloadSelector(body.get("with_payload"), "with_payload", PayloadSelector.ALL),
        RequestsJson.parseWithVector(body.get("with_vector"), "with_vector", false));
    ArrayNode result = Json.array();
    points.forEach(p -> result.add(JsonViews.record(p)));
    return new Reply.Result(result);
  }

  private Reply getOne(ApiRequest request) {
    Collection c = ctx.collection(request.path("collection_name"));
    PointId id = PointId.parse(request.path("id"));
    RetrievedPoint p = c.get(id).orElseThrow(() -> StoreException.notFound("no point with id " + id + " in collection " + c.name()));
    return new Reply.Result(JsonViews.record(p));
  }

  private Reply delete(ApiRequest request) {
    Collection c = ctx.collection(request.path("collection_name"));
    Write write = parseDelete(request.bodyObject(), "body");
    return new Reply.Result(JsonViews.update(write.apply(c, request.queryFlag("wait", false))));
  }

  /** A delete body: ids or a filter. */
  Write parseDelete(JsonNode body, String path) {
    PointSelector selector = parseSelector(body, path, SELECTOR);
    return (c, wait) -> c.delete(selector, wait);
  }

  /** A points-or-filter selector, with the id list held to the batch limit. */
  PointSelector parseSelector(JsonNode body, String path, BodyShape shape) {
    shape.check(body, path);
    JsonNode ids = body.get("points");
    if (ids != null && ids.isArray()) {
      ctx.checkBatch(ids.size(), "points");
    }
    return PointsJson.parseSelector(body);
  }

  private Reply scroll(ApiRequest request) {
    Collection c = ctx.collection(request.path("collection_name"));
    JsonNode body = request.body();
    SCROLL.checkIfPresent(body);
    ScrollRequest scroll = RequestsJson.parseScroll(body);
    ctx.checkPage(scroll.limit(), "limit");
    ScrollPage page = c.scroll(scroll);
    ObjectNode result = Json.object();
    ArrayNode points = result.putArray("points");
    page.points().forEach(p -> points.add(JsonViews.record(p)));
    result.set("next_page_offset", page.nextPageOffset() == null ? null : page.nextPageOffset().toJson());
    return new Reply.Result(result);
  }

  private Reply count(ApiRequest request) {
    Collection c = ctx.collection(request.path("collection_name"));
    JsonNode body = request.body();
    COUNT.checkIfPresent(body);
    Filter filter = RequestsJson.parseCountFilter(body);
    ObjectNode result = Json.object();
    result.put("count", c.count(filter, RequestsJson.parseCountExact(body)));
    return new Reply.Result(result);
  }
}
