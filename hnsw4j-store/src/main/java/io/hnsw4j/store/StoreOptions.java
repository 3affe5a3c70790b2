package io.hnsw4j.store;

import java.time.Duration;

/**
 * How a {@link Database} runs its collections.
 *
 * @param checkpointWalBytes checkpoint once the write-ahead log holds this many bytes (default 64 MiB)
 * @param checkpointInterval checkpoint once this long has passed since the last one and something changed (default 5 minutes)
 * @param checkpointOnClose checkpoint when a collection is closed (default true; false leaves the log to replay)
 * @param indexThreads threads that insert a large upsert batch into the graph (default: all processors)
 * @param exactFilterShare a filtered search whose passing points are at most this share of the
 *     collection scores them all exactly instead of searching the graph (default 5%, where
 *     hnsw4j's own filtered search scans too)
 * @param antiCorrelationProbe whether a filtered search passing less than half the collection
 *     first looks at the query's unfiltered neighbourhood, and scores the passing points exactly
 *     when far fewer of the neighbours pass than the filter's share (the passing points lie far
 *     from the query, where the graph search loses them; see docs/store.md)
 */
public record StoreOptions(
    long checkpointWalBytes,
    Duration checkpointInterval,
    boolean checkpointOnClose,
    int indexThreads,
    double exactFilterShare,
    boolean antiCorrelationProbe) {
  public static final StoreOptions DEFAULT =
      new StoreOptions(64L << 20, Duration.ofMinutes(5), true, Runtime.getRuntime().availableProcessors(), 0.05, true);

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
    if (!(exactFilterShare >= 0 && exactFilterShare <= 1)) {
      throw new IllegalArgumentException("exactFilterShare must be in [0, 1], got " + exactFilterShare);
    }
  }

  public StoreOptions withCheckpointWalBytes(long bytes) {
    return new StoreOptions(bytes, checkpointInterval, checkpointOnClose, indexThreads, exactFilterShare, antiCorrelationProbe);
  }

  public StoreOptions withCheckpointInterval(Duration interval) {
    return new StoreOptions(checkpointWalBytes, interval, checkpointOnClose, indexThreads, exactFilterShare, antiCorrelationProbe);
  }

  public StoreOptions withCheckpointOnClose(boolean checkpoint) {
    return new StoreOptions(checkpointWalBytes, checkpointInterval, checkpoint, indexThreads, exactFilterShare, antiCorrelationProbe);
  }

  public StoreOptions withIndexThreads(int threads) {
    return new StoreOptions(checkpointWalBytes, checkpointInterval, checkpointOnClose, threads, exactFilterShare, antiCorrelationProbe);
  }

  public StoreOptions withExactFilterShare(double share) {
    return new StoreOptions(checkpointWalBytes, checkpointInterval, checkpointOnClose, indexThreads, share, antiCorrelationProbe);
  }

  public StoreOptions withAntiCorrelationProbe(boolean probe) {
    return new StoreOptions(checkpointWalBytes, checkpointInterval, checkpointOnClose, indexThreads, exactFilterShare, probe);
  }
}
