package io.hnsw4j.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.server.http.Access;
import io.hnsw4j.server.http.ApiException;
import io.hnsw4j.server.http.ApiRequest;
import io.hnsw4j.server.http.Json;
import io.hnsw4j.server.http.Reply;
import io.hnsw4j.server.http.Route;
import io.hnsw4j.server.http.Router;
import io.hnsw4j.store.CollectionInfo;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import java.util.List;
import java.util.Locale;

/** Create, list, get, exists and delete collections ({@code /collections}). */
final class CollectionsApi {
  private static final BodyShape CREATE = BodyShape.of("create collection request",
      List.of("vectors", "hnsw_config"),
      List.of("shard_number", "replication_factor", "write_consistency_factor", "on_disk_payload", "wal_config",
          "optimizers_config", "quantization_config", "strict_mode_config"),
      List.of("sharding_method", "sparse_vectors", "metadata", "init_from"));
  private static final BodyShape VECTOR_PARAMS = BodyShape.of("vector parameters",
      List.of("size", "distance", "hnsw_config", "datatype"),
      List.of("on_disk", "quantization_config"),
      List.of("multivector_config"));
  private static final BodyShape HNSW = BodyShape.of("hnsw_config",
      List.of("m", "ef_construct"),
      List.of("full_scan_threshold", "max_indexing_threads", "on_disk", "payload_m", "inline_storage"),
      List.of());

  private final ApiContext ctx;

  CollectionsApi(ApiContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    router.add(new Route("GET", "/collections", Access.READ, this::list));
    router.add(new Route("PUT", "/collections/{collection_name}", Access.WRITE, this::create));
    router.add(new Route("GET", "/collections/{collection_name}", Access.READ, this::get));
    router.add(new Route("DELETE", "/collections/{collection_name}", Access.WRITE, this::delete));
    router.add(new Route("GET", "/collections/{collection_name}/exists", Access.READ, this::exists));
  }

  private Reply list(ApiRequest request) {
    ArrayNode names = Json.array();
    ctx.db().list().forEach(name -> names.addObject().put("name", name));
    ObjectNode result = Json.object();
    result.set("collections", names);
    return new Reply.Result(result);
  }

  private Reply create(ApiRequest request) {
    JsonNode body = request.bodyObject();
    CREATE.check(body, "body");
    JsonNode vectors = body.get("vectors");
    if (vectors == null || vectors.isNull()) {
      throw ApiException.badRequest("vectors is required: {\"size\": N, \"distance\": \"Cosine\"|\"Euclid\"|\"Dot\"|\"Manhattan\"}");
    }
    if (vectors.isObject() && !vectors.has("size") && !vectors.has("distance") && vectors.size() > 0) {
      throw ApiException.badRequest("vectors: named vectors are not supported; give one unnamed vector as {\"size\": N, \"distance\": ...}");
    }
    VECTOR_PARAMS.check(vectors, "vectors");
    JsonNode datatype = vectors.get("datatype");
    if (datatype != null && !datatype.isNull() && !"float32".equals(datatype.asText())) {
      throw ApiException.badRequest("vectors.datatype: only float32 is supported, got " + datatype);
    }
    JsonNode distance = vectors.get("distance");
    if (distance == null || !distance.isTextual()) {
      throw ApiException.badRequest("vectors.distance is required: one of Cosine, Euclid, Dot, Manhattan");
    }
    CollectionConfig config = CollectionConfig.of(intField(vectors, "size", "vectors.size", -1), Distance.parse(distance.textValue()));
    int m = config.m();
    int efConstruct = config.efConstruct();
    for (String at : new String[] {"hnsw_config", "vectors.hnsw_config"}) { // the vector's own settings win
      JsonNode hnsw = at.equals("hnsw_config") ? body.get("hnsw_config") : vectors.get("hnsw_config");
      if (hnsw != null && !hnsw.isNull()) {
        HNSW.check(hnsw, at);
        m = intField(hnsw, "m", at + ".m", m);
        efConstruct = intField(hnsw, "ef_construct", at + ".ef_construct", efConstruct);
      }
    }
    // Qdrant searches with a beam of ef_construct unless a request gives hnsw_ef; so does hnsw4j.
    ctx.db().create(request.path("collection_name"), config.withHnsw(m, efConstruct).withEf(efConstruct));
    return new Reply.Result(BooleanNode.TRUE);
  }

  private static int intField(JsonNode object, String field, String path, int fallback) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      if (fallback < 0) {
        throw ApiException.badRequest(path + " is required");
      }
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw ApiException.badRequest(path + ": expected an integer, got " + node);
    }
    return node.intValue();
  }

  private Reply get(ApiRequest request) {
    return new Reply.Result(info(ctx.collection(request.path("collection_name")).info()));
  }

  private Reply delete(ApiRequest request) {
    return new Reply.Result(BooleanNode.valueOf(ctx.db().delete(request.path("collection_name"))));
  }

  private Reply exists(ApiRequest request) {
    ObjectNode result = Json.object();
    result.put("exists", ctx.db().exists(request.path("collection_name")));
    return new Reply.Result(result);
  }

  /** Qdrant's collection info; fields hnsw4j has no counterpart for carry Qdrant's single-node values. */
  private ObjectNode info(CollectionInfo info) {
    ObjectNode out = Json.object();
    out.put("status", info.status().name().toLowerCase(Locale.ROOT));
    out.put("optimizer_status", "ok");
    out.put("indexed_vectors_count", info.indexedVectorsCount());
    out.put("points_count", info.pointsCount());
    out.put("segments_count", 1);
    ObjectNode config = out.putObject("config");
    ObjectNode params = config.putObject("params");
    ObjectNode vectors = params.putObject("vectors");
    vectors.put("size", info.config().size());
    vectors.put("distance", info.config().distance().qdrantName());
    params.put("shard_number", 1);
    params.put("replication_factor", 1);
    params.put("write_consistency_factor", 1);
    params.put("on_disk_payload", false);
    ObjectNode hnsw = config.putObject("hnsw_config");
    hnsw.put("m", info.config().m());
    hnsw.put("ef_construct", info.config().efConstruct());
    hnsw.put("full_scan_threshold", 10_000);
    hnsw.put("max_indexing_threads", 0);
    hnsw.put("on_disk", false);
    ObjectNode optimizer = config.putObject("optimizer_config");
    optimizer.put("deleted_threshold", 0.1);
    optimizer.put("vacuum_min_vector_number", 0);
    optimizer.put("default_segment_number", 1);
    optimizer.put("flush_interval_sec", ctx.storeOptions().checkpointInterval().toSeconds());
    ObjectNode wal = config.putObject("wal_config");
    wal.put("wal_capacity_mb", Math.max(1, ctx.storeOptions().checkpointWalBytes() >> 20));
    wal.put("wal_segments_ahead", 0);
    config.putNull("quantization_config");
    ObjectNode schema = out.putObject("payload_schema");
    new java.util.TreeMap<>(info.payloadSchema()).forEach((key, index) -> {
      ObjectNode entry = schema.putObject(key);
      entry.put("data_type", index.type().qdrantName());
      entry.put("points", index.points());
    });
    return out;
  }
}
