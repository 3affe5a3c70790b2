package io.hnsw4j.store;

import java.time.Duration;

/**
 * How a {@link Database} runs its collections.
 *
 * @param checkpointWalBytes checkpoint once the write-ahead log holds this many bytes (default 64 MiB)
 * @param checkpointInterval checkpoint once this long has passed since the last one and something changed (default 5 minutes)
 * @param checkpointOnClose checkpoint when a collection is closed (default true; false leaves the log to replay)
 * @param indexThreads threads that insert a large upsert batch into the graph (default: all processors)
 */
public record StoreOptions(long checkpointWalBytes, Duration checkpointInterval, boolean checkpointOnClose, int indexThreads) {
  public static final StoreOptions DEFAULT =
      new StoreOptions(64L << 20, Duration.ofMinutes(5), true, Runtime.getRuntime().availableProcessors());

  public StoreOptions {
    if (checkpointWalBytes < 1) {
      throw new IllegalArgumentException("checkpointWalBytes must be >= 1, got " + checkpointWalBytes);
    }
    if (checkpointInterval == null || checkpointInterval.isNegative() || checkpointInterval.isZero()) {
      throw new IllegalArgumentException("checkpointInterval must be positive, got " + checkpointInterval);
    }
    if (indexThreads < 1) {
      throw new IllegalArgumentException("indexThreads must be >= 1, got " + indexThreads);
    }
  }

  public StoreOptions withCheckpointWalBytes(long bytes) {
    return new StoreOptions(bytes, checkpointInterval, checkpointOnClose, indexThreads);
  }

  public StoreOptions withCheckpointInterval(Duration interval) {
    return new StoreOptions(checkpointWalBytes, interval, checkpointOnClose, indexThreads);
  }

  public StoreOptions withCheckpointOnClose(boolean checkpoint) {
    return new StoreOptions(checkpointWalBytes, checkpointInterval, checkpoint, indexThreads);
  }

  public StoreOptions withIndexThreads(int threads) {
    return new StoreOptions(checkpointWalBytes, checkpointInterval, checkpointOnClose, threads);
  }
}
