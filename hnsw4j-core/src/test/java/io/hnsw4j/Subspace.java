package io.hnsw4j;

import java.util.SplittableRandom;

/** Points that fill a d-dimensional linear subspace of a larger space: intrinsic dimension d. */
final class Subspace {
  private Subspace() {}

  /**
   * n points x = c + B z with z standard normal in d dimensions, B a random orthonormal basis of a
   * d-dimensional subspace of R^dim and c an offset away from the origin (so that cosine sees the
   * same d dimensions).
   */
  static float[][] gaussian(int n, int d, int dim, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] basis = orthonormal(d, dim, random);
    double[] offset = new double[dim];
    for (int j = 0; j < dim; j++) {
      offset[j] = 3 + random.nextDouble();
    }
    float[][] out = new float[n][dim];
    double[] z = new double[d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        z[a] = normal(random);
      }
      for (int j = 0; j < dim; j++) {
        double x = offset[j];
        for (int a = 0; a < d; a++) {
          x += basis[a][j] * z[a];
        }
        out[i][j] = (float) x;
      }
    }
    return out;
  }

  /** d orthonormal vectors of R^dim (Gram-Schmidt on Gaussian vectors). */
  static double[][] orthonormal(int d, int dim, SplittableRandom random) {
    double[][] basis = new double[d][dim];
    for (int a = 0; a < d; a++) {
      for (int j = 0; j < dim; j++) {
        basis[a][j] = normal(random);
      }
      for (int b = 0; b < a; b++) {
        double dot = 0;
        for (int j = 0; j < dim; j++) {
          dot += basis[a][j] * basis[b][j];
        }
        for (int j = 0; j < dim; j++) {
          basis[a][j] -= dot * basis[b][j];
        }
      }
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        norm += basis[a][j] * basis[a][j];
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < dim; j++) {
        basis[a][j] /= norm;
      }
    }
    return basis;
  }

  static double normal(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
