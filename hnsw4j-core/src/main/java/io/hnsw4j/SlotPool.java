package io.hnsw4j;

import java.util.Arrays;

/**
 * Free slots: ordinals of removed nodes that a compaction unlinked for good, handed out again to
 * new vectors so that churn does not grow the index. Thread-safe.
 */
final class SlotPool {
  static final long NONE = -1;

  private int[] free = new int[16];
  /** Written under the lock; read without it by {@link #take} to skip the lock when empty. */
  private volatile int freeCount;

  synchronized void addFree(int ordinal) {
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = ordinal;
  }

  /** A free ordinal, or {@link #NONE}. */
  long take() {
    if (freeCount == 0) {
      return NONE; // the common case of a growing index: no lock
    }
    synchronized (this) {
      return freeCount > 0 ? free[--freeCount] : NONE;
    }
  }

  synchronized long memoryBytes() {
    return 16L + 4L * free.length;
  }
}
