package io.hnsw4j.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The rotation a PCA funnel learns: orthonormal, dot-preserving, variance first. */
class PrincipalAxesTest {
  private static final int DIM = 48;

  /**
   * 4,000 Gaussian vectors with 6 strong directions (standard deviation 3..8) and a weak tail
   * (0.05) in the other 42, all turned by a random rotation, plus an offset of 2 in every
   * component when {@code offset}.
   */
  static float[][] lowRankPlusTail(int n, boolean offset, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] turn = randomRotation(random);
    float[][] out = new float[n][DIM];
    double[] z = new double[DIM];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < DIM; j++) {
        z[j] = gaussian(random) * (j < 6 ? 8 - j : 0.05);
      }
      for (int a = 0; a < DIM; a++) {
        double x = offset ? 2 : 0;
        for (int j = 0; j < DIM; j++) {
          x += turn[a][j] * z[j];
        }
        out[i][a] = (float) x;
      }
    }
    return out;
  }

  @Test
  void theRowsAreOrthonormal() {
    float[] r = PrincipalAxes.learn(lowRankPlusTail(4000, false, 1), DIM, false, DIM);
    for (int a = 0; a < DIM; a++) {
      for (int b = 0; b < DIM; b++) {
        double dot = 0;
        for (int k = 0; k < DIM; k++) {
          dot += (double) r[a * DIM + k] * r[b * DIM + k];
        }
        assertEquals(a == b ? 1 : 0, dot, 1e-4, "row " + a + " . row " + b);
      }
    }
  }

  @Test
  void aFullRotationPreservesDotProductsAndNorms() {
    float[][] x = lowRankPlusTail(2000, true, 2);
    float[] r = PrincipalAxes.learn(x, DIM, false, DIM);
    for (int i = 0; i < 50; i++) {
      float[] a = rotate(r, x[i]);
      float[] b = rotate(r, x[i + 50]);
      double before = dot(x[i], x[i + 50]);
      assertEquals(before, dot(a, b), 1e-4 * Math.max(1, Math.abs(before)));
      assertEquals(dot(x[i], x[i]), dot(a, a), 1e-4 * dot(x[i], x[i]));
    }
  }

  @Test
  void theLeadingAxesCarryTheVariance() {
    for (boolean centred : new boolean[] {false, true}) {
      float[][] x = lowRankPlusTail(4000, centred, 3);
      float[] r = PrincipalAxes.learn(x, DIM, centred, DIM);
      // Uncentred: the energy of each rotated component; centred: its variance.
      double[] energy = new double[DIM];
      double[] sum = new double[DIM];
      for (float[] v : x) {
        float[] y = rotate(r, v);
        for (int j = 0; j < DIM; j++) {
          energy[j] += (double) y[j] * y[j];
          sum[j] += y[j];
        }
      }
      for (int j = 0; j < DIM && centred; j++) {
        energy[j] -= sum[j] * sum[j] / x.length;
      }
      double total = 0;
      double leading = 0;
      for (int j = 0; j < DIM; j++) {
        total += energy[j];
        leading += j < 6 ? energy[j] : 0;
        if (j > 0) { // the energy (variance) of an axis is its eigenvalue: sorted
          assertTrue(energy[j] <= energy[j - 1] * (1 + 1e-6), "energy falls along the axes at " + j);
        }
      }
      // The tail holds 42 * 0.05^2 = 0.105 of about 8^2 + ... + 3^2 = 199.
      assertTrue(leading / total > 0.999, "centred " + centred + ": " + leading / total);
    }
  }

  @Test
  void aDiagonalMatrixKeepsItsAxesSortedBySize() {
    float[][] x = new float[3][];
    x[0] = new float[] {0, 0, 3};
    x[1] = new float[] {0, 1, 0};
    x[2] = new float[] {2, 0, 0};
    float[] r = PrincipalAxes.learn(x, 3, false, 3);
    assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, r, 1e-6f);
  }

  @Test
  void aRankDeficientSampleStillGivesAnOrthonormalBasis() {
    float[][] x = {{1, 1, 0, 0}, {2, 2, 0, 0}};
    float[] r = PrincipalAxes.learn(x, 4, false, 4);
    assertEquals(1 / Math.sqrt(2), r[0], 1e-6);
    assertEquals(1 / Math.sqrt(2), r[1], 1e-6);
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 4; b++) {
        double dot = 0;
        for (int k = 0; k < 4; k++) {
          dot += (double) r[a * 4 + k] * r[b * 4 + k];
        }
        assertEquals(a == b ? 1 : 0, dot, 1e-6);
      }
    }
  }

  static float[] rotate(float[] rows, float[] v) {
    float[] out = new float[rows.length / v.length];
    for (int a = 0; a < out.length; a++) {
      double sum = 0;
      for (int k = 0; k < v.length; k++) {
        sum += (double) rows[a * v.length + k] * v[k];
      }
      out[a] = (float) sum;
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  /** The eigenvectors of a random symmetric matrix: an orthonormal basis (checked above too). */
  private static double[][] randomRotation(SplittableRandom random) {
    double[] m = new double[DIM * DIM];
    for (int i = 0; i < DIM; i++) {
      for (int j = i; j < DIM; j++) {
        m[i * DIM + j] = m[j * DIM + i] = gaussian(random);
      }
    }
    double[] vectors = new double[DIM * DIM];
    PrincipalAxes.diagonalise(m, DIM, vectors);
    double[][] out = new double[DIM][DIM];
    for (int i = 0; i < DIM; i++) {
      System.arraycopy(vectors, i * DIM, out[i], 0, DIM);
    }
    return out;
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
