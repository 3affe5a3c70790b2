package io.hnsw4j.spark.example;

import java.util.HashSet;
import java.util.Set;

/** Recall@k of found neighbour ids against ground truth, on the driver (the example's files are small). */
final class Recall {
  private Recall() {}

  /** Mean over queries of |found[q][:k] ∩ truth[q][:k]| / min(k, |truth[q]|). */
  static double mean(int[][] found, int[][] truth, int k) {
    double sum = 0;
    for (int q = 0; q < found.length; q++) {
      int wanted = Math.min(k, truth[q].length);
      Set<Integer> expected = new HashSet<>();
      for (int i = 0; i < wanted; i++) {
        expected.add(truth[q][i]);
      }
      int hits = 0;
      for (int i = 0; i < Math.min(k, found[q].length); i++) {
        hits += expected.contains(found[q][i]) ? 1 : 0;
      }
      sum += wanted == 0 ? 1 : hits / (double) wanted;
    }
    return found.length == 0 ? Double.NaN : sum / found.length;
  }
}
