package io.hnsw4j.server.api;

import io.hnsw4j.server.http.Router;
import java.io.IOException;
import java.util.function.Supplier;

/** Every route of the API, in one {@link Router}. */
public final class ApiRoutes {
  private ApiRoutes() {}

  /**
   * The routes over {@code ctx}; {@code version} is reported by {@code GET /} and {@code metrics}
   * renders {@code /metrics}. Removes snapshot uploads a crash left behind.
   */
  public static Router build(ApiContext ctx, String version, Supplier<String> metrics) throws IOException {
    SnapshotsApi.removeLeftoverUploads(ctx.db().snapshotRoot());
    Router router = new Router();
    new ServiceApi(ctx, version, metrics).register(router);
    new CollectionsApi(ctx).register(router);
    PointsApi points = new PointsApi(ctx);
    points.register(router);
    PayloadApi payloads = new PayloadApi(ctx, points);
    payloads.register(router);
    new BatchUpdateApi(ctx, points, payloads).register(router);
    new SearchApi(ctx).register(router);
    new SnapshotsApi(ctx).register(router);
    UnsupportedApi.register(router);
    return router;
  }
}
