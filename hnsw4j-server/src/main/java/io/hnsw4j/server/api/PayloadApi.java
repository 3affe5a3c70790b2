package io.hnsw4j.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.server.http.Access;
import io.hnsw4j.server.http.ApiException;
import io.hnsw4j.server.http.ApiRequest;
import io.hnsw4j.server.http.Reply;
import io.hnsw4j.server.http.Route;
import io.hnsw4j.server.http.Router;
import io.hnsw4j.store.Collection;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.json.PointsJson;
import io.hnsw4j.store.json.RequestsJson;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.model.StoreException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Set, overwrite, delete and clear payloads; create and delete payload indexes. */
final class PayloadApi {
  private static final BodyShape SET = BodyShape.of("set payload request",
      List.of("payload", "points", "filter", "key"), List.of(), List.of("shard_key"));
  private static final BodyShape DELETE_KEYS = BodyShape.of("delete payload request",
      List.of("keys", "points", "filter"), List.of(), List.of("shard_key"));
  private static final BodyShape INDEX = BodyShape.of("create index request",
      List.of("field_name", "field_schema"), List.of(), List.of());

  private final ApiContext ctx;
  private final PointsApi points;

  PayloadApi(ApiContext ctx, PointsApi points) {
    this.ctx = ctx;
    this.points = points;
  }

  void register(Router router) {
    router.add(new Route("POST", "/collections/{collection_name}/points/payload", Access.WRITE, r -> run(r, parseSet(r.bodyObject(), "body"))));
    router.add(new Route("PUT", "/collections/{collection_name}/points/payload", Access.WRITE, r -> run(r, parseOverwrite(r.bodyObject(), "body"))));
    router.add(new Route("POST", "/collections/{collection_name}/points/payload/delete", Access.WRITE, r -> run(r, parseDeleteKeys(r.bodyObject(), "body"))));
    router.add(new Route("POST", "/collections/{collection_name}/points/payload/clear", Access.WRITE, r -> run(r, parseClear(r.bodyObject(), "body"))));
    router.add(new Route("PUT", "/collections/{collection_name}/index", Access.WRITE, r -> run(r, parseCreateIndex(r.bodyObject()))));
    router.add(new Route("DELETE", "/collections/{collection_name}/index/{field_name}", Access.WRITE, this::deleteIndex));
  }

  private Reply run(ApiRequest request, Write write) {
    Collection c = ctx.collection(request.path("collection_name"));
    return new Reply.Result(JsonViews.update(write.apply(c, request.queryFlag("wait", false))));
  }

  Write parseSet(JsonNode body, String path) {
    PointSelector selector = points.parseSelector(body, path, SET);
    ObjectNode payload = payload(body, path);
    JsonNode key = body.get("key");
    FieldPath at = key == null || key.isNull() ? null : RequestsJson.parseKey(key, "key");
    return (c, wait) -> c.setPayload(selector, payload, at, wait);
  }

  Write parseOverwrite(JsonNode body, String path) {
    PointSelector selector = points.parseSelector(body, path, SET);
    ObjectNode payload = payload(body, path);
    JsonNode key = body.get("key");
    if (key != null && !key.isNull()) {
      throw ApiException.badRequest("key is not supported when overwriting a payload; use set payload (POST .../points/payload) with key");
    }
    return (c, wait) -> c.overwritePayload(selector, payload, wait);
  }

  Write parseDeleteKeys(JsonNode body, String path) {
    PointSelector selector = points.parseSelector(body, path, DELETE_KEYS);
    JsonNode keys = body.get("keys");
    if (keys == null || !keys.isArray()) {
      throw ApiException.badRequest("keys: expected a list of payload keys");
    }
    List<FieldPath> paths = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      paths.add(RequestsJson.parseKey(keys.get(i), "keys[" + i + "]"));
    }
    return (c, wait) -> c.deletePayloadKeys(selector, paths, wait);
  }

  Write parseClear(JsonNode body, String path) {
    PointSelector selector = points.parseSelector(body, path, PointsApi.SELECTOR);
    return (c, wait) -> c.clearPayload(selector, wait);
  }

  private static ObjectNode payload(JsonNode body, String path) {
    JsonNode payload = body.get("payload");
    if (payload == null || !payload.isObject()) {
      throw ApiException.badRequest("payload: expected a JSON object" + (payload == null ? "; it is required" : ", got " + payload));
    }
    return PointsJson.parsePayload(payload, "payload");
  }

  private Write parseCreateIndex(JsonNode body) {
    INDEX.check(body, "body");
    FieldPath field = RequestsJson.parseKey(body.get("field_name"), "field_name");
    PayloadSchemaType type = RequestsJson.parseFieldSchema(body.get("field_schema"), "field_schema");
    return (c, wait) -> c.createPayloadIndex(field, type, wait);
  }

  private Reply deleteIndex(ApiRequest request) {
    FieldPath field;
    try {
      field = FieldPath.parse(request.path("field_name"));
    } catch (StoreException e) {
      throw ApiException.badRequest("field_name: " + e.getMessage());
    }
    return run(request, (c, wait) -> c.deletePayloadIndex(field, wait));
  }
}
