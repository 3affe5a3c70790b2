package io.hnsw4j.server;

import io.hnsw4j.server.api.ApiContext;
import io.hnsw4j.server.api.ApiRoutes;
import io.hnsw4j.server.http.ApiHandler;
import io.hnsw4j.server.http.ApiKeys;
import io.hnsw4j.server.http.JsonErrorHandler;
import io.hnsw4j.server.http.Router;
import io.hnsw4j.server.metrics.ServerMetrics;
import io.hnsw4j.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Properties;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * hnsw4j as a service: a data directory ({@link Database}) served over HTTP in Qdrant's REST
 * shapes by Jetty. {@link #start} opens the directory (replaying what the write-ahead logs hold),
 * then listens; {@link #close} stops taking requests, lets those in progress finish (up to 10 s),
 * and closes the database, which checkpoints every collection.
 *
 * <p>Thread safety: requests are served by a pool of {@link ServerConfig#maxThreads()} threads;
 * the store is safe for any number of them.
 */
public final class Hnsw4jServer implements AutoCloseable {
  private final ServerConfig config;
  private final Database db;
  private final Server jetty;
  private final ServerConnector connector;
  private boolean closed;

  private Hnsw4jServer(ServerConfig config, Database db, Server jetty, ServerConnector connector) {
    this.config = config;
    this.db = db;
    this.jetty = jetty;
    this.connector = connector;
  }

  /** Opens the data directory and starts listening; throws if the port is taken or the data cannot be opened. */
  public static Hnsw4jServer start(ServerConfig config) throws Exception {
    Database db = Database.open(config.dataDir(), config.storeOptions());
    try {
      String version = version();
      ServerMetrics metrics = new ServerMetrics(db, version);
      ApiContext ctx = new ApiContext(db, config.maxBatchPoints(), config.maxSearchBatch(), config.maxLimit(),
          config.maxEf(), config.maxSnapshotBytes(), config.storeOptions());
      Router router = ApiRoutes.build(ctx, version, metrics::scrape);

      QueuedThreadPool pool = new QueuedThreadPool(config.maxThreads(), Math.min(8, config.maxThreads()));
      pool.setName("hnsw4j-http");
      Server jetty = new Server(pool);
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      http.setSendXPoweredBy(false);
      ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
      connector.setHost(config.host());
      connector.setPort(config.port());
      jetty.addConnector(connector);
      jetty.setHandler(new GracefulHandler(new ApiHandler(router, new ApiKeys(config.apiKey(), config.readOnlyApiKey()),
          config.maxBodyBytes(), metrics)));
      jetty.setErrorHandler(new JsonErrorHandler());
      jetty.setStopTimeout(10_000);
      jetty.start();
      return new Hnsw4jServer(config, db, jetty, connector);
    } catch (Exception | Error e) {
      db.close();
      throw e;
    }
  }

  /** The port it listens on (the one chosen when the config asked for port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Its base address, such as {@code http://127.0.0.1:6333}. */
  public URI uri() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return URI.create("http://" + host + ":" + port());
  }

  /** The database it serves. */
  public Database database() {
    return db;
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /** Stops listening, waits for requests in progress (up to 10 s), then closes the database (checkpointing). */
  @Override
  public synchronized void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    try {
      jetty.stop();
    } finally {
      db.close();
    }
  }

  /** The version of this build, from {@code version.properties} (filled in by Maven). */
  public static String version() {
    Properties properties = new Properties();
    try (InputStream in = Hnsw4jServer.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the build");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }
}
