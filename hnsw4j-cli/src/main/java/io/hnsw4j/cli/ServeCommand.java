package io.hnsw4j.cli;

import io.hnsw4j.server.Hnsw4jServer;
import io.hnsw4j.server.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hnsw4j serve}: serves a data directory over HTTP in Qdrant's REST API until SIGTERM or
 * Ctrl-C, then stops taking requests, lets those in progress finish and closes the database
 * (checkpointing every collection).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serves a data directory (created if missing) over HTTP in Qdrant's REST API."
        + " Prints one line when it is ready; stops cleanly on SIGTERM or Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
  @ParentCommand Hnsw4jCommand parent;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Data directory.")
  Path data;

  @Option(names = "--port", defaultValue = "6333", converter = NumberConverters.Port.class,
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--api-key", defaultValue = "${env:HNSW4J_API_KEY}", paramLabel = "KEY",
      description = "Key that may read and write, sent as the api-key header or 'Authorization: Bearer KEY'"
          + " (default: $HNSW4J_API_KEY; none: no key needed).")
  String apiKey;

  @Option(names = "--read-only-api-key", defaultValue = "${env:HNSW4J_READ_ONLY_API_KEY}", paramLabel = "KEY",
      description = "Key that may only read and search (default: $HNSW4J_READ_ONLY_API_KEY).")
  String readOnlyApiKey;

  @Option(names = "--max-body-mb", defaultValue = "32", converter = NumberConverters.Positive.class,
      description = "Largest request body in MiB (default: ${DEFAULT-VALUE}).")
  int maxBodyMb;

  @Option(names = "--max-batch", defaultValue = "10000", converter = NumberConverters.Positive.class,
      description = "Most points or ids in one write or retrieve (default: ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--max-limit", defaultValue = "10000", converter = NumberConverters.Positive.class,
      description = "Largest limit + offset of a search and largest scroll page (default: ${DEFAULT-VALUE}).")
  int maxLimit;

  @Option(names = "--max-ef", defaultValue = "10000", converter = NumberConverters.BeamWidth.class,
      description = "Largest params.hnsw_ef of a search (default: ${DEFAULT-VALUE}).")
  int maxEf;

  @Option(names = "--threads", defaultValue = "64", converter = NumberConverters.Threads.class,
      description = "Most requests served at once; more wait in a queue (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    ServerConfig config = ServerConfig.builder(data)
        .host(host)
        .port(port)
        .apiKey(blankToNull(apiKey))
        .readOnlyApiKey(blankToNull(readOnlyApiKey))
        .maxBodyBytes((long) maxBodyMb << 20)
        .maxBatchPoints(maxBatch)
        .maxLimit(maxLimit)
        .maxEf(maxEf)
        .maxThreads(Math.max(4, threads))
        .build();
    Hnsw4jServer server = Hnsw4jServer.start(config);
    Thread stopper = new Thread(() -> {
      try {
        server.close();
        parent.err.println("hnsw4j serve: stopped; the data directory is closed");
      } catch (Exception e) {
        parent.err.println("hnsw4j serve: error while stopping: " + Main.describe(e));
      }
    }, "hnsw4j-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(stopper);
    parent.out.printf("hnsw4j serve: listening on %s (data %s, %d collections, hnsw4j %s%s)%n", server.uri(),
        data.toAbsolutePath(), server.database().list().size(), Hnsw4jServer.version(),
        config.authRequired() ? ", API key required" : "");
    parent.out.flush();
    server.join();
    return 0;
  }

  private static String blankToNull(String key) {
    return key == null || key.isBlank() ? null : key;
  }
}
