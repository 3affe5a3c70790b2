package io.hnsw4j.store;

import io.hnsw4j.IdFilter;
import java.util.BitSet;

/**
 * The passing points of a planned filter, as hnsw4j's {@link IdFilter} (point numbers are the
 * graph's ids). {@code reportedCount} is what the graph is told: the true count lets it choose
 * between its scan and its graph search; 0 makes it score exactly the listed points (or, with no
 * set, every point).
 */
final class FilterIds implements IdFilter {
  private final BitSet passing;
  private final long reportedCount;

  /** {@code passing} null means every point passes. */
  FilterIds(BitSet passing, long reportedCount) {
    this.passing = passing;
    this.reportedCount = reportedCount;
  }

  @Override
  public boolean test(long id) {
    return passing == null || (id >= 0 && id <= Integer.MAX_VALUE && passing.get((int) id));
  }

  @Override
  public long estimatedCount() {
    return reportedCount;
  }

  @Override
  public long[] passingIds() {
    return passing == null ? null : passing.stream().asLongStream().toArray();
  }
}
