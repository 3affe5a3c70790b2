package io.hnsw4j;

import java.util.Arrays;

/**
 * Slots of removed vectors waiting for reuse: free ones (already unlinked by a repair) are handed
 * out first, as a new node needs no clean-up; then tombstones (removed, still linked), which the
 * index re-links in place. Thread-safe.
 */
final class SlotPool {
  static final long NONE = -1;
  private static final long FREE_BIT = 1L << 32;

  private int[] free = new int[16];
  private int freeCount;
  private int[] tombstones = new int[16];
  private int tombstoneCount;

  static boolean isFree(long slot) {
    return (slot & FREE_BIT) != 0;
  }

  static int ordinal(long slot) {
    return (int) slot;
  }

  synchronized void addFree(int ordinal) {
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = ordinal;
  }

  synchronized void addTombstone(int ordinal) {
    if (tombstoneCount == tombstones.length) {
      tombstones = Arrays.copyOf(tombstones, tombstoneCount * 2);
    }
    tombstones[tombstoneCount++] = ordinal;
  }

  /** A slot to reuse, {@link #NONE} if there is none. */
  synchronized long take() {
    if (freeCount > 0) {
      return FREE_BIT | free[--freeCount];
    }
    if (tombstoneCount > 0) {
      return tombstones[--tombstoneCount] & 0xffffffffL;
    }
    return NONE;
  }

  /** After a repair unlinked every tombstone: they become free slots. */
  synchronized void freeTombstones(int[] freed) {
    tombstoneCount = 0;
    for (int ordinal : freed) {
      addFree(ordinal);
    }
  }

  synchronized long memoryBytes() {
    return 32L + 4L * (free.length + tombstones.length);
  }
}
