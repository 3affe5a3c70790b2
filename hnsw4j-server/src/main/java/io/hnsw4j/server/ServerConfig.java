package io.hnsw4j.server;

import io.hnsw4j.store.StoreOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How an {@link Hnsw4jServer} runs: where it listens, which keys it accepts, and the limits that
 * bound what one request may ask for. Every limit has a safe default; a request beyond one gets a
 * 4xx answer naming the limit, and nothing is stored.
 *
 * @param dataDir the data directory (created if missing)
 * @param host the address to listen on (default 127.0.0.1: only this machine)
 * @param port the port (0: any free port; see {@link Hnsw4jServer#port()})
 * @param apiKey the key that may read and write (null: no key needed unless {@code readOnlyApiKey} is set)
 * @param readOnlyApiKey the key that may only read: search, scroll, count, get, list, metrics (null: none)
 * @param maxBodyBytes largest request body (default 32 MiB, as Qdrant's {@code max_request_size_mb})
 * @param maxSnapshotBytes largest uploaded snapshot (default 16 GiB)
 * @param maxBatchPoints most points in one upsert, and most ids in one retrieve, delete or payload update (default 10,000)
 * @param maxSearchBatch most searches in one batch request (default 100)
 * @param maxLimit largest {@code limit + offset} of a search or query and largest scroll page (default 10,000)
 * @param maxEf largest {@code params.hnsw_ef} (default 10,000)
 * @param maxThreads most requests handled at once; others wait in Jetty's queue (default 64)
 * @param storeOptions how the store runs its collections (checkpoints, index threads)
 */
public record ServerConfig(
    Path dataDir,
    String host,
    int port,
    String apiKey,
    String readOnlyApiKey,
    long maxBodyBytes,
    long maxSnapshotBytes,
    int maxBatchPoints,
    int maxSearchBatch,
    int maxLimit,
    int maxEf,
    int maxThreads,
    StoreOptions storeOptions) {

  public ServerConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(storeOptions, "storeOptions");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
    checkKey("apiKey", apiKey);
    checkKey("readOnlyApiKey", readOnlyApiKey);
    if (apiKey != null && apiKey.equals(readOnlyApiKey)) {
      throw new IllegalArgumentException("the read-only API key must differ from the API key");
    }
    positive("maxBodyBytes", maxBodyBytes);
    positive("maxSnapshotBytes", maxSnapshotBytes);
    positive("maxBatchPoints", maxBatchPoints);
    positive("maxSearchBatch", maxSearchBatch);
    positive("maxLimit", maxLimit);
    positive("maxEf", maxEf);
    if (maxThreads < 4) {
      throw new IllegalArgumentException("maxThreads must be >= 4, got " + maxThreads);
    }
  }

  /** Whether requests must carry a key. */
  public boolean authRequired() {
    return apiKey != null || readOnlyApiKey != null;
  }

  /** A builder with the defaults, listening on 127.0.0.1:6333. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  private static void checkKey(String name, String key) {
    if (key != null && (key.isEmpty() || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
      throw new IllegalArgumentException(name + " must be non-empty printable ASCII without spaces");
    }
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }

  /** Fills a {@link ServerConfig}; unset fields keep their defaults. */
  public static final class Builder {
    private final Path dataDir;
    private String host = "127.0.0.1";
    private int port = 6333;
    private String apiKey;
    private String readOnlyApiKey;
    private long maxBodyBytes = 32L << 20;
    private long maxSnapshotBytes = 16L << 30;
    private int maxBatchPoints = 10_000;
    private int maxSearchBatch = 100;
    private int maxLimit = 10_000;
    private int maxEf = 10_000;
    private int maxThreads = 64;
    private StoreOptions storeOptions = StoreOptions.DEFAULT;

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder readOnlyApiKey(String readOnlyApiKey) {
      this.readOnlyApiKey = readOnlyApiKey;
      return this;
    }

    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    public Builder maxSnapshotBytes(long maxSnapshotBytes) {
      this.maxSnapshotBytes = maxSnapshotBytes;
      return this;
    }

    public Builder maxBatchPoints(int maxBatchPoints) {
      this.maxBatchPoints = maxBatchPoints;
      return this;
    }

    public Builder maxSearchBatch(int maxSearchBatch) {
      this.maxSearchBatch = maxSearchBatch;
      return this;
    }

    public Builder maxLimit(int maxLimit) {
      this.maxLimit = maxLimit;
      return this;
    }

    public Builder maxEf(int maxEf) {
      this.maxEf = maxEf;
      return this;
    }

    public Builder maxThreads(int maxThreads) {
      this.maxThreads = maxThreads;
      return this;
    }

    public Builder storeOptions(StoreOptions storeOptions) {
      this.storeOptions = storeOptions;
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(dataDir, host, port, apiKey, readOnlyApiKey, maxBodyBytes, maxSnapshotBytes,
          maxBatchPoints, maxSearchBatch, maxLimit, maxEf, maxThreads, storeOptions);
    }
  }
}
