package io.hnsw4j.graph;

import java.util.Arrays;

/** Per-thread scratch for building: a searcher and buffers, so inserts allocate little. */
public final class BuildWorkspace {
  final GraphSearcher searcher;
  long[] candidates = new long[64];
  int[] selected = new int[64];
  int[] list = new int[64];
  long[] discarded = new long[64];

  /** A workspace around a searcher of its own. */
  public BuildWorkspace(GraphSearcher searcher) {
    this.searcher = searcher;
  }

  /** The searcher, which the index also uses for queries on this thread. */
  public GraphSearcher searcher() {
    return searcher;
  }

  static long[] ensure(long[] a, int size) {
    return a.length >= size ? a : new long[Math.max(size, a.length * 2)];
  }

  static int[] ensure(int[] a, int size) {
    return a.length >= size ? a : new int[Math.max(size, a.length * 2)];
  }

  /** Grows the discarded buffer, keeping its entries. */
  void growDiscarded() {
    discarded = Arrays.copyOf(discarded, discarded.length * 2);
  }
}
