package io.hnsw4j;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Changes that a search may see halfway, counted as begun and finished: a free slot reused (a
 * node the search holds may change id and vector under it) and an update (for a moment the old
 * and the new node of one id are both live). A search takes a {@link #mark()} before it starts and
 * asks {@link #changedSince} at the end; if so, it re-checks its results.
 */
final class ChangeCounters {
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong finished = new AtomicLong();

  void begin() {
    started.incrementAndGet();
  }

  void end() {
    finished.incrementAndGet();
  }

  /** Changes begun so far, or -1 if one is in progress. */
  long mark() {
    long begun = started.get();
    return finished.get() != begun ? -1 : begun;
  }

  /**
   * Whether a change was in progress at {@code mark} or has begun since. The fence keeps the
   * compiler from moving the caller's earlier reads (ids, distances) below this check.
   */
  boolean changedSince(long mark) {
    VarHandle.loadLoadFence();
    return mark < 0 || started.get() != mark;
  }
}
