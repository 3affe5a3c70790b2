package io.hnsw4j.bench;

import io.hnsw4j.Metric;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded random vectors and their exact neighbours, computed here independently of every library. */
public final class SeededVectors {
  private SeededVectors() {}

  /** n rows of dim components uniform in [-1, 1). */
  public static float[][] random(int n, int dim, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] out = new float[n][dim];
    for (float[] row : out) {
      for (int j = 0; j < dim; j++) {
        row[j] = (float) random.nextDouble(-1, 1);
      }
    }
    return out;
  }

  /** The k nearest rows of base to each query by brute force in double precision, nearest first. */
  public static int[][] exact(float[][] base, float[][] queries, int k, Metric metric) {
    int[][] out = new int[queries.length][];
    for (int q = 0; q < queries.length; q++) {
      double[] d = new double[base.length];
      for (int i = 0; i < base.length; i++) {
        d[i] = distance(base[i], queries[q], metric);
      }
      Integer[] order = new Integer[base.length];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
      out[q] = Arrays.stream(order, 0, k).mapToInt(Integer::intValue).toArray();
    }
    return out;
  }

  private static double distance(float[] x, float[] y, Metric metric) {
    double dot = 0;
    double l2 = 0;
    double nx = 0;
    double ny = 0;
    for (int j = 0; j < x.length; j++) {
      dot += (double) x[j] * y[j];
      l2 += ((double) x[j] - y[j]) * ((double) x[j] - y[j]);
      nx += (double) x[j] * x[j];
      ny += (double) y[j] * y[j];
    }
    return switch (metric.kind()) {
      case L2 -> l2;
      case INNER_PRODUCT -> 1 - dot;
      case COSINE -> 1 - dot / Math.sqrt(nx * ny);
      case CUSTOM -> throw new IllegalArgumentException("no brute force for " + metric);
    };
  }
}
