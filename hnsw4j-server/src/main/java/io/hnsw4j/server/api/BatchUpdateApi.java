package io.hnsw4j.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.hnsw4j.server.http.Access;
import io.hnsw4j.server.http.ApiException;
import io.hnsw4j.server.http.ApiRequest;
import io.hnsw4j.server.http.Json;
import io.hnsw4j.server.http.Reply;
import io.hnsw4j.server.http.Route;
import io.hnsw4j.server.http.Router;
import io.hnsw4j.store.Collection;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /collections/{name}/points/batch}: a list of upserts, deletes and payload updates,
 * applied in order. Every operation is parsed and checked before the first is applied, so a bad
 * request changes nothing; as in Qdrant the batch is not atomic: when one operation fails while
 * being applied (a payload update naming a point deleted by an earlier one), the earlier ones stay.
 */
final class BatchUpdateApi {
  private static final BodyShape BODY = BodyShape.of("batch update request", List.of("operations"), List.of(), List.of());

  private final ApiContext ctx;
  private final PointsApi points;
  private final PayloadApi payloads;

  BatchUpdateApi(ApiContext ctx, PointsApi points, PayloadApi payloads) {
    this.ctx = ctx;
    this.points = points;
    this.payloads = payloads;
  }

  void register(Router router) {
    router.add(new Route("POST", "/collections/{collection_name}/points/batch", Access.WRITE, this::batch));
  }

  private Reply batch(ApiRequest request) {
    JsonNode body = request.bodyObject();
    BODY.check(body, "body");
    JsonNode operations = body.get("operations");
    if (operations == null || !operations.isArray()) {
      throw ApiException.badRequest("operations: expected a list of update operations");
    }
    ctx.checkBatch(operations.size(), "operations");
    List<Write> writes = new ArrayList<>();
    for (int i = 0; i < operations.size(); i++) {
      writes.add(parse(operations.get(i), "operations[" + i + "]"));
    }
    Collection c = ctx.collection(request.path("collection_name"));
    boolean wait = request.queryFlag("wait", false);
    writes.forEach(w -> w.check(c));
    ArrayNode result = Json.array();
    for (Write w : writes) {
      result.add(JsonViews.update(w.apply(c, wait)));
    }
    return new Reply.Result(result);
  }

  private Write parse(JsonNode op, String path) {
    if (op == null || !op.isObject() || op.size() != 1) {
      throw ApiException.badRequest(path + ": expected an object with one operation, such as {\"upsert\": {...}}");
    }
    String kind = op.fieldNames().next();
    JsonNode body = op.get(kind);
    String at = path + "." + kind;
    return switch (kind) {
      case "upsert" -> points.parseUpsert(body, at);
      case "delete" -> points.parseDelete(body, at);
      case "set_payload" -> payloads.parseSet(body, at);
      case "overwrite_payload" -> payloads.parseOverwrite(body, at);
      case "delete_payload" -> payloads.parseDeleteKeys(body, at);
      case "clear_payload" -> payloads.parseClear(body, at);
      case "update_vectors", "delete_vectors" -> throw ApiException.badRequest(at + ": not supported by hnsw4j; upsert whole points instead");
      default -> throw ApiException.badRequest(path + ": unknown operation '" + kind
          + "'; expected upsert, delete, set_payload, overwrite_payload, delete_payload or clear_payload");
    };
  }
}
