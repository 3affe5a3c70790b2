package io.hnsw4j;

/**
 * Hubness of a k-nearest-neighbour graph (Radovanović et al., 2010): N_k(x) counts how many
 * points have x among their k nearest neighbours. Every N_k averages k; in high-dimensional data
 * its distribution is skewed to the right: a few hubs are everyone's neighbour and many
 * anti-hubs (N_k = 0) are no one's. In a neighbourhood graph an anti-hub has few links into it,
 * and a search reaches a node only through a link into it.
 *
 * @param k neighbours per point
 * @param points how many points the lists cover
 * @param skewness the standardised third moment of N_k: about 0 for evenly spread data; above 1
 *     marks strong hubness
 * @param maxOccurrence the largest N_k: the biggest hub's in-degree
 * @param antiHubFraction the fraction of points with N_k = 0
 */
public record Hubness(int k, int points, double skewness, int maxOccurrence, double antiHubFraction) {

  /**
   * Hubness of neighbour lists over points 0..n-1.
   *
   * @param neighbours {@code neighbours[i]} are the nearest neighbours of point i (i itself not
   *     among them); n = neighbours.length
   * @return the hubness; k is the length of the longest list
   * @throws IllegalArgumentException if neighbours is null or empty, or names a point outside
   *     0..n-1
   */
  public static Hubness of(int[][] neighbours) {
    if (neighbours == null || neighbours.length == 0) {
      throw new IllegalArgumentException("neighbours must hold at least one list");
    }
    int n = neighbours.length;
    int[] occurrences = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (neighbours[i] == null) {
        throw new IllegalArgumentException("neighbours[" + i + "] is null");
      }
      k = Math.max(k, neighbours[i].length);
      for (int j : neighbours[i]) {
        if (j < 0 || j >= n) {
          throw new IllegalArgumentException("neighbours[" + i + "] names " + j + ", outside 0.." + (n - 1));
        }
        occurrences[j]++;
      }
    }
    double mean = 0;
    int max = 0;
    int antiHubs = 0;
    for (int count : occurrences) {
      mean += count;
      max = Math.max(max, count);
      antiHubs += count == 0 ? 1 : 0;
    }
    mean /= n;
    double m2 = 0;
    double m3 = 0;
    for (int count : occurrences) {
      double d = count - mean;
      m2 += d * d;
      m3 += d * d * d;
    }
    m2 /= n;
    m3 /= n;
    double skewness = m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
    return new Hubness(k, n, skewness, max, (double) antiHubs / n);
  }
}
