package io.hnsw4j;

/**
 * The early-stop rules of an index's unfiltered searches, set by {@link
 * HnswIndex#searchPatience(double)} and {@link HnswIndex#searchEpsilon(double)}; one immutable
 * value, so a search reads both rules of one setting.
 *
 * @param patience a fraction: stop once the k nearest have not changed for ceil(patience x
 *     max(ef, k)) steps; 0 never
 * @param epsilon stop once the nearest candidate left is farther than d_k + epsilon x |d_k|, d_k
 *     the k-th nearest distance found; 0 never
 */
record EarlyStop(double patience, double epsilon) {
  static final EarlyStop NEVER = new EarlyStop(0, 0);

  EarlyStop {
    if (!(patience >= 0 && patience <= 1)) {
      throw new IllegalArgumentException(
          "searchPatience must be a fraction of ef in [0, 1] (0 turns early stopping off), got " + patience);
    }
    if (!(epsilon >= 0 && epsilon < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "searchEpsilon must be finite and at least 0 (0 turns the distance stop off), got " + epsilon);
    }
  }

  /**
   * The margin as the search takes it, a float: 0 stays 0 (off), anything else at least the
   * smallest float and at most the largest, so that no setting turns off or overflows in the cast.
   */
  float searchMargin() {
    return epsilon == 0 ? 0 : (float) Math.min(Float.MAX_VALUE, Math.max(Float.MIN_VALUE, epsilon));
  }

  /** The patience in steps for a beam of {@code beam}; 0 for none. */
  int patienceSteps(int beam) {
    return (int) Math.ceil(patience * beam);
  }
}
