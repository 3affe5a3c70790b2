package io.hnsw4j.cli;

import java.util.SplittableRandom;

/** Small seeded data for the tests. */
public final class TestData {
  private TestData() {}

  /** Clustered Gaussian vectors: realistic enough for a graph, and reproducible. */
  public static float[][] clustered(int n, int dim, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int clusters = 8;
    float[][] centers = new float[clusters][dim];
    for (float[] c : centers) {
      for (int j = 0; j < dim; j++) {
        c[j] = (float) (random.nextDouble() * 10 - 5);
      }
    }
    float[][] out = new float[n][dim];
    for (int i = 0; i < n; i++) {
      float[] c = centers[random.nextInt(clusters)];
      for (int j = 0; j < dim; j++) {
        out[i][j] = c[j] + (float) gaussian(random);
      }
    }
    return out;
  }

  /** Exact L2 neighbours by brute force, independent of the library under test. */
  public static int[][] bruteForce(float[][] base, float[][] queries, int k) {
    int[][] out = new int[queries.length][];
    for (int q = 0; q < queries.length; q++) {
      float[] d = new float[base.length];
      Integer[] order = new Integer[base.length];
      for (int i = 0; i < base.length; i++) {
        order[i] = i;
        float s = 0;
        for (int j = 0; j < base[i].length; j++) {
          float x = base[i][j] - queries[q][j];
          s += x * x;
        }
        d[i] = s;
      }
      java.util.Arrays.sort(order, (a, b) -> a.equals(b) ? 0
          : d[a] != d[b] ? Float.compare(d[a], d[b]) : Integer.compare(a, b));
      out[q] = new int[Math.min(k, base.length)];
      for (int i = 0; i < out[q].length; i++) {
        out[q][i] = order[i];
      }
    }
    return out;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
