package io.hnsw4j.cli.bench;

/**
 * The read bandwidth one thread gets from memory, the yardstick for the physical limit of a
 * search (see {@link BenchRow#limitQps()}): a sequential sum over an array far larger than the
 * caches, the best of a few passes. Sequential reads are the best case; a graph search reads
 * scattered records, so real searches stay well below this limit.
 */
public final class MemoryBandwidth {
  /** 256 MiB: several times the last-level cache of the machines we measure on. */
  private static final int LONGS = 32 << 20;
  private static final int PASSES = 5;
  /** Keeps the sums alive so the JIT cannot drop the loops. */
  private static volatile long sink;

  private MemoryBandwidth() {}

  /** Measured one-thread sequential read bandwidth in GB/s (10^9 bytes per second). */
  public static double measureGBs() {
    long[] data = new long[LONGS];
    for (int i = 0; i < data.length; i++) {
      data[i] = i;
    }
    long best = Long.MAX_VALUE;
    for (int pass = 0; pass < PASSES; pass++) {
      long start = System.nanoTime();
      sink += sum(data);
      best = Math.min(best, System.nanoTime() - start);
    }
    return 8.0 * data.length / best;
  }

  // Four sums, so the adds do not wait on each other and the loop runs at the memory's pace.
  private static long sum(long[] data) {
    long a = 0;
    long b = 0;
    long c = 0;
    long d = 0;
    for (int i = 0; i + 3 < data.length; i += 4) {
      a += data[i];
      b += data[i + 1];
      c += data[i + 2];
      d += data[i + 3];
    }
    return a + b + c + d;
  }
}
