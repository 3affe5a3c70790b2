package io.hnsw4j.store;

import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded clustered vectors: {@code clusters} Gaussian centres, {@code perCluster} points around
 * each. Point i belongs to cluster i / perCluster; its payload is {@code {"cluster": c, "u": r}}
 * with r uniform in 0..999 and independent of the vector.
 */
final class ClusteredData {
  static final float NOISE = 0.35f;
  final int dim;
  final int clusters;
  final int perCluster;
  final float[][] centres;
  final float[][] vectors;
  final int[] u;

  ClusteredData(long seed, int clusters, int perCluster, int dim) {
    this.dim = dim;
    this.clusters = clusters;
    this.perCluster = perCluster;
    Random random = new Random(seed);
    centres = new float[clusters][dim];
    for (float[] c : centres) {
      for (int j = 0; j < dim; j++) {
        c[j] = (float) random.nextGaussian();
      }
    }
    int n = clusters * perCluster;
    vectors = new float[n][dim];
    u = new int[n];
    for (int i = 0; i < n; i++) {
      float[] c = centres[i / perCluster];
      for (int j = 0; j < dim; j++) {
        vectors[i][j] = c[j] + NOISE * (float) random.nextGaussian();
      }
      u[i] = random.nextInt(1000);
    }
  }

  int size() {
    return vectors.length;
  }

  int clusterOf(int i) {
    return i / perCluster;
  }

  List<Point> points(int from, int to) {
    List<Point> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(new Point(PointId.of(i), vectors[i], TestJson.object("{'cluster': " + clusterOf(i) + ", 'u': " + u[i] + "}")));
    }
    return out;
  }

  /** A query near a random cluster: its centre plus the same noise as the points. */
  float[] query(Random random) {
    float[] c = centres[random.nextInt(clusters)];
    float[] q = new float[dim];
    for (int j = 0; j < dim; j++) {
      q[j] = c[j] + NOISE * (float) random.nextGaussian();
    }
    return q;
  }

  static float l2(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      float d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }
}
