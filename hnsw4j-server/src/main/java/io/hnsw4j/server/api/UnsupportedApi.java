package io.hnsw4j.server.api;

import io.hnsw4j.server.http.Access;
import io.hnsw4j.server.http.ApiException;
import io.hnsw4j.server.http.Route;
import io.hnsw4j.server.http.Router;
import java.util.List;

/**
 * The routes of Qdrant's REST API (v1.18) that hnsw4j does not implement. Each answers 501 with a
 * message naming the feature, so that a client learns at once what is missing instead of getting
 * a bare 404. The key is checked first, as for every other route.
 */
final class UnsupportedApi {
  /** Method, path template, and what is missing. */
  private record Missing(String method, String template, String feature) {}

  private static final String C = "/collections/{collection_name}";
  private static final List<Missing> MISSING = List.of(
      new Missing("PATCH", C, "changing a collection's parameters"),
      new Missing("POST", "/collections/aliases", "aliases"),
      new Missing("GET", C + "/aliases", "aliases"),
      new Missing("GET", "/aliases", "aliases"),
      new Missing("PUT", C + "/vectors/{vector_name}", "named vectors"),
      new Missing("DELETE", C + "/vectors/{vector_name}", "named vectors"),
      new Missing("GET", C + "/cluster", "clusters"),
      new Missing("POST", C + "/cluster", "clusters"),
      new Missing("GET", "/cluster", "clusters"),
      new Missing("GET", "/cluster/telemetry", "clusters"),
      new Missing("POST", "/cluster/recover", "clusters"),
      new Missing("DELETE", "/cluster/peer/{peer_id}", "clusters"),
      new Missing("GET", C + "/shards", "shards"),
      new Missing("PUT", C + "/shards", "shards"),
      new Missing("POST", C + "/shards/delete", "shards"),
      new Missing("GET", C + "/shards/{shard_id}/snapshot", "shard snapshots"),
      new Missing("GET", C + "/shards/{shard_id}/snapshots", "shard snapshots"),
      new Missing("POST", C + "/shards/{shard_id}/snapshots", "shard snapshots"),
      new Missing("POST", C + "/shards/{shard_id}/snapshots/upload", "shard snapshots"),
      new Missing("PUT", C + "/shards/{shard_id}/snapshots/recover", "shard snapshots"),
      new Missing("GET", C + "/shards/{shard_id}/snapshots/{snapshot_name}", "shard snapshots"),
      new Missing("DELETE", C + "/shards/{shard_id}/snapshots/{snapshot_name}", "shard snapshots"),
      new Missing("GET", C + "/optimizations", "optimizer status"),
      new Missing("GET", "/snapshots", "full-storage snapshots"),
      new Missing("POST", "/snapshots", "full-storage snapshots"),
      new Missing("GET", "/snapshots/{snapshot_name}", "full-storage snapshots"),
      new Missing("DELETE", "/snapshots/{snapshot_name}", "full-storage snapshots"),
      new Missing("PUT", C + "/points/vectors", "updating vectors alone (upsert whole points)"),
      new Missing("POST", C + "/points/vectors/delete", "deleting vectors alone (delete points)"),
      new Missing("POST", C + "/points/search/groups", "grouped search"),
      new Missing("POST", C + "/points/recommend", "recommendations"),
      new Missing("POST", C + "/points/recommend/batch", "recommendations"),
      new Missing("POST", C + "/points/recommend/groups", "recommendations"),
      new Missing("POST", C + "/points/discover", "discovery search"),
      new Missing("POST", C + "/points/discover/batch", "discovery search"),
      new Missing("POST", C + "/points/query/groups", "grouped queries"),
      new Missing("POST", C + "/facet", "facets"),
      new Missing("POST", C + "/points/search/matrix/pairs", "distance matrices"),
      new Missing("POST", C + "/points/search/matrix/offsets", "distance matrices"),
      new Missing("GET", "/telemetry", "telemetry"),
      new Missing("GET", "/issues", "issues"),
      new Missing("DELETE", "/issues", "issues"),
      new Missing("GET", "/quotas", "quotas"),
      new Missing("PUT", "/quotas", "quotas"));

  private UnsupportedApi() {}

  static void register(Router router) {
    for (Missing m : MISSING) {
      String message = m.method() + " " + m.template() + " is not supported by hnsw4j (" + m.feature() + ")";
      router.add(new Route(m.method(), m.template(), Access.READ, r -> {
        throw ApiException.notImplemented(message);
      }));
    }
  }
}
