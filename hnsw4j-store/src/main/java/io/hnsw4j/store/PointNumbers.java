package io.hnsw4j.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out point numbers (the ids the graph index and the payload indexes know points by) and
 * takes them back when points are deleted. A freed number is reused only after every search that
 * was running when it was freed has finished, so a search never mistakes a new point for the
 * deleted one whose number it saw. Searches register in one of two phases; a flip of the phase
 * starts a grace period that ends when the old phase has no searches left.
 *
 * <p>{@link #allocate}, {@link #release} and {@link #reset} are called by one thread at a time
 * (the collection's updater); {@link #enterSearch} by any.
 */
final class PointNumbers {
  private final AtomicInteger[] active = {new AtomicInteger(), new AtomicInteger()};
  private volatile int phase;
  private final ArrayDeque<Integer> free = new ArrayDeque<>();
  private List<Integer> released = new ArrayList<>();
  /** Numbers released before the last flip, waiting for the old phase to drain; null if none. */
  private List<Integer> waiting;
  private int highWater;

  /** A registered search; closing it ends the registration. */
  interface SearchGuard extends AutoCloseable {
    @Override
    void close();
  }

  SearchGuard enterSearch() {
    int p = phase;
    active[p].incrementAndGet();
    return () -> active[p].decrementAndGet();
  }

  /** Starts from a loaded state: numbers below {@code highWater} not in {@code used} are free. */
  void reset(int highWater, java.util.BitSet used) {
    this.highWater = highWater;
    free.clear();
    released = new ArrayList<>();
    waiting = null;
    for (int p = used.nextClearBit(0); p < highWater; p = used.nextClearBit(p + 1)) {
      free.add(p);
    }
  }

  int allocate() {
    reclaim();
    Integer reused = free.poll();
    return reused != null ? reused : highWater++;
  }

  void release(int point) {
    released.add(point);
  }

  /** One past the largest number ever handed out. */
  int highWater() {
    return highWater;
  }

  private void reclaim() {
    if (waiting != null && active[1 - phase].get() == 0) {
      free.addAll(waiting);
      waiting = null;
    }
    if (waiting == null && !released.isEmpty() && free.isEmpty()) {
      waiting = released;
      released = new ArrayList<>();
      phase = 1 - phase;
      if (active[1 - phase].get() == 0) {
        free.addAll(waiting);
        waiting = null;
      }
    }
  }
}
