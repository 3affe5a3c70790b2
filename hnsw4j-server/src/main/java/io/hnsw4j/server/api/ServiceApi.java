package io.hnsw4j.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.server.http.Access;
import io.hnsw4j.server.http.ApiException;
import io.hnsw4j.server.http.Json;
import io.hnsw4j.server.http.Reply;
import io.hnsw4j.server.http.Route;
import io.hnsw4j.server.http.Router;
import io.hnsw4j.store.CollectionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /} (name and version, no key needed), {@code /healthz} and {@code /livez} (the
 * process answers), {@code /readyz} (every collection can take writes: 503 naming those that
 * cannot), and {@code /metrics} (Prometheus text).
 */
final class ServiceApi {
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private final ApiContext ctx;
  private final String version;
  private final Supplier<String> metrics;

  ServiceApi(ApiContext ctx, String version, Supplier<String> metrics) {
    this.ctx = ctx;
    this.version = version;
    this.metrics = metrics;
  }

  void register(Router router) {
    router.add(new Route("GET", "/", Access.OPEN, r -> {
      ObjectNode body = Json.object();
      body.put("title", "hnsw4j - vector search speaking Qdrant's REST API");
      body.put("version", version);
      return new Reply.Bare(body);
    }));
    router.add(new Route("GET", "/healthz", Access.OPEN, r -> new Reply.Text(TEXT, "healthz check passed")));
    router.add(new Route("GET", "/livez", Access.OPEN, r -> new Reply.Text(TEXT, "healthz check passed")));
    router.add(new Route("GET", "/readyz", Access.OPEN, r -> ready()));
    router.add(new Route("GET", "/metrics", Access.READ, r -> new Reply.Text(PROMETHEUS, metrics.get())));
  }

  private Reply ready() {
    List<String> failed = new ArrayList<>();
    for (String name : ctx.db().list()) {
      ctx.db().find(name).ifPresent(c -> {
        if (c.info().status() != CollectionInfo.Status.GREEN) {
          failed.add(name);
        }
      });
    }
    if (!failed.isEmpty()) {
      throw new ApiException(503, "collections that stopped taking writes after a storage failure (restart the server): " + String.join(", ", failed));
    }
    return new Reply.Text(TEXT, "all shards are ready");
  }
}
