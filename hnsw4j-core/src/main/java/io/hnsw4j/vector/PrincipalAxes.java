package io.hnsw4j.vector;

import java.util.Arrays;

/**
 * The principal axes of a sample of vectors, as the rows of an orthonormal rotation: the
 * eigenvectors of the sample's second-moment matrix (centred: its covariance), largest
 * eigenvalue first. Plain Java: the d x d matrix is accumulated in double precision and
 * diagonalised by cyclic Jacobi rotations, which converge for every symmetric matrix and give
 * orthonormal eigenvectors even where eigenvalues repeat (a rank-deficient sample).
 */
public final class PrincipalAxes {
  private static final int MAX_SWEEPS = 60;

  private PrincipalAxes() {}

  /**
   * The first {@code rows} principal axes of {@code sample}.
   *
   * @param sample vectors of length {@code dimension}, at least one
   * @param dimension their length
   * @param centred whether to subtract the sample's mean first (for L2, whose distances ignore a
   *     shift); uncentred for dot products, so that the axes carry the vectors' own energy
   * @param rows how many axes to return, 1..dimension
   * @return rows x dimension floats, row-major; each row has unit length and its largest
   *     component (by magnitude) positive, so the result does not depend on the eigen solver's
   *     sign choices
   */
  public static float[] learn(float[][] sample, int dimension, boolean centred, int rows) {
    if (sample.length == 0 || rows < 1 || rows > dimension) {
      throw new IllegalArgumentException("need a sample and 1.." + dimension + " rows, got " + sample.length + ", " + rows);
    }
    double[] matrix = secondMoment(sample, dimension, centred);
    double[] axes = new double[dimension * dimension]; // row i: the i-th eigenvector
    double[] values = diagonalise(matrix, dimension, axes);
    Integer[] order = new Integer[dimension];
    for (int i = 0; i < dimension; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> values[a] != values[b] ? Double.compare(values[b], values[a]) : Integer.compare(a, b));
    float[] out = new float[rows * dimension];
    for (int r = 0; r < rows; r++) {
      int from = order[r] * dimension;
      int largest = from;
      double norm = 0;
      for (int k = from; k < from + dimension; k++) {
        norm += axes[k] * axes[k];
        largest = Math.abs(axes[k]) > Math.abs(axes[largest]) ? k : largest;
      }
      double scale = (axes[largest] < 0 ? -1 : 1) / Math.sqrt(norm);
      for (int k = 0; k < dimension; k++) {
        out[r * dimension + k] = (float) (axes[from + k] * scale);
      }
    }
    return out;
  }

  /** The mean outer product of the (centred) sample, d x d row-major. */
  static double[] secondMoment(float[][] sample, int dimension, boolean centred) {
    double[] mean = new double[dimension];
    if (centred) {
      for (float[] x : sample) {
        for (int i = 0; i < dimension; i++) {
          mean[i] += x[i];
        }
      }
      for (int i = 0; i < dimension; i++) {
        mean[i] /= sample.length;
      }
    }
    double[] m = new double[dimension * dimension];
    double[] row = new double[dimension];
    for (float[] x : sample) {
      for (int i = 0; i < dimension; i++) {
        row[i] = x[i] - mean[i];
      }
      for (int i = 0; i < dimension; i++) {
        double xi = row[i];
        if (xi == 0) {
          continue; // sparse data (pixels at an image's border) skips whole rows
        }
        int base = i * dimension;
        for (int j = i; j < dimension; j++) {
          m[base + j] += xi * row[j];
        }
      }
    }
    for (int i = 0; i < dimension; i++) {
      for (int j = i; j < dimension; j++) {
        double v = m[i * dimension + j] / sample.length;
        m[i * dimension + j] = v;
        m[j * dimension + i] = v;
      }
    }
    return m;
  }

  /**
   * Diagonalises the symmetric matrix {@code a} (destroyed) by cyclic Jacobi sweeps: each
   * rotation in the (p, q) plane zeroes a[p][q]; the sum of squares off the diagonal falls every
   * sweep. Writes the eigenvectors as the rows of {@code vectors} and returns the eigenvalues.
   */
  static double[] diagonalise(double[] a, int n, double[] vectors) {
    Arrays.fill(vectors, 0);
    for (int i = 0; i < n; i++) {
      vectors[i * n + i] = 1;
    }
    double total = 0;
    for (double x : a) {
      total += x * x;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += a[p * n + q] * a[p * n + q];
        }
      }
      if (off <= 1e-24 * total || off == 0) {
        break;
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = a[p * n + q];
          // An element too small to change either diagonal entry is zeroed without a rotation:
          // late sweeps skip most pairs (the usual refinement of cyclic Jacobi).
          if (Math.abs(apq) * 1e16 <= Math.abs(a[p * n + p]) && Math.abs(apq) * 1e16 <= Math.abs(a[q * n + q])) {
            a[p * n + q] = 0;
            a[q * n + p] = 0;
            continue;
          }
          rotate(a, n, vectors, p, q);
        }
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = a[i * n + i];
    }
    return values;
  }

  /** One Jacobi rotation that zeroes a[p][q] (p &lt; q), applied to a and to the rows p, q of v. */
  private static void rotate(double[] a, int n, double[] v, int p, int q) {
    double apq = a[p * n + q];
    if (apq == 0) {
      return;
    }
    double app = a[p * n + p];
    double aqq = a[q * n + q];
    double theta = (aqq - app) / (2 * apq);
    double t = Double.isInfinite(theta * theta)
        ? 0.5 / theta
        : Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    int rp = p * n;
    int rq = q * n;
    for (int k = 0; k < n; k++) {
      if (k == p || k == q) {
        continue;
      }
      double akp = a[rp + k];
      double akq = a[rq + k];
      double np = c * akp - s * akq;
      double nq = s * akp + c * akq;
      a[rp + k] = np;
      a[k * n + p] = np;
      a[rq + k] = nq;
      a[k * n + q] = nq;
    }
    a[rp + p] = app - t * apq;
    a[rq + q] = aqq + t * apq;
    a[rp + q] = 0;
    a[rq + p] = 0;
    for (int k = 0; k < n; k++) {
      double vp = v[rp + k];
      double vq = v[rq + k];
      v[rp + k] = c * vp - s * vq;
      v[rq + k] = s * vp + c * vq;
    }
  }
}
