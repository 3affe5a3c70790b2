package io.hnsw4j.server.metrics;

import io.hnsw4j.server.http.ApiHandler;
import io.hnsw4j.store.CollectionInfo;
import io.hnsw4j.store.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's Prometheus metrics (Micrometer): a timer per method, route template and status
 * (request counts, total and maximum latency, and latency buckets from 1 ms to 10 s), and per
 * collection its points, write-ahead log bytes and fsyncs, time of the last checkpoint, and
 * whether it takes writes. Collection figures are read from the store at each scrape.
 */
public final class ServerMetrics implements ApiHandler.Listener {
  private static final Duration[] BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Database db;
  private final MultiGauge points;
  private final MultiGauge walBytes;
  private final MultiGauge walFsyncs;
  private final MultiGauge lastCheckpoint;
  private final MultiGauge green;

  public ServerMetrics(Database db, String version) {
    this.db = db;
    Gauge.builder("hnsw4j.info", () -> 1).description("the running hnsw4j version").tag("version", version).register(registry);
    Gauge.builder("hnsw4j.collections", db, d -> d.list().size()).description("collections in the data directory").register(registry);
    points = MultiGauge.builder("hnsw4j.collection.points").description("points in the collection").register(registry);
    walBytes = MultiGauge.builder("hnsw4j.collection.wal").baseUnit("bytes")
        .description("bytes in the write-ahead log since the last checkpoint").register(registry);
    walFsyncs = MultiGauge.builder("hnsw4j.collection.wal.fsyncs")
        .description("fsyncs of the write-ahead log since the collection was opened").register(registry);
    lastCheckpoint = MultiGauge.builder("hnsw4j.collection.last.checkpoint.timestamp").baseUnit("seconds")
        .description("when the last checkpoint was committed, in seconds since the epoch").register(registry);
    green = MultiGauge.builder("hnsw4j.collection.writable")
        .description("1 while the collection takes writes, 0 after a storage failure").register(registry);
  }

  @Override
  public void completed(String method, String route, int status, long nanos) {
    Timer.builder("hnsw4j.http.requests")
        .description("HTTP requests by method, route template and status")
        .tags("method", method, "route", route, "status", Integer.toString(status))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  /** The metrics in Prometheus's text format, with collection figures read now. */
  public String scrape() {
    List<MultiGauge.Row<?>> pointRows = new ArrayList<>();
    List<MultiGauge.Row<?>> walRows = new ArrayList<>();
    List<MultiGauge.Row<?>> fsyncRows = new ArrayList<>();
    List<MultiGauge.Row<?>> checkpointRows = new ArrayList<>();
    List<MultiGauge.Row<?>> greenRows = new ArrayList<>();
    for (String name : db.list()) {
      db.find(name).ifPresent(c -> {
        CollectionInfo info;
        try {
          info = c.info();
        } catch (RuntimeException e) {
          return; // deleted meanwhile
        }
        Tags tags = Tags.of("collection", name);
        pointRows.add(MultiGauge.Row.of(tags, info.pointsCount()));
        walRows.add(MultiGauge.Row.of(tags, info.walBytes()));
        fsyncRows.add(MultiGauge.Row.of(tags, info.walFsyncs()));
        if (info.lastCheckpoint() != null) {
          checkpointRows.add(MultiGauge.Row.of(tags, info.lastCheckpoint().toEpochMilli() / 1000.0));
        }
        greenRows.add(MultiGauge.Row.of(tags, info.status() == CollectionInfo.Status.GREEN ? 1 : 0));
      });
    }
    points.register(pointRows, true);
    walBytes.register(walRows, true);
    walFsyncs.register(fsyncRows, true);
    lastCheckpoint.register(checkpointRows, true);
    green.register(greenRows, true);
    return registry.scrape();
  }
}
