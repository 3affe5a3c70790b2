package io.hnsw4j.bench.peers;

import io.hnsw4j.Metric;

/** Helpers the adapters share. */
final class Vectors {
  private Vectors() {}

  /**
   * For cosine, unit-length copies (as ann-benchmarks does), so that every library can use its
   * dot-product kernel; otherwise the rows themselves.
   */
  static float[][] prepare(float[][] rows, Metric metric) {
    if (metric.kind() != Metric.Kind.COSINE) {
      return rows;
    }
    float[][] out = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = prepare(rows[i], metric);
    }
    return out;
  }

  static float[] prepare(float[] row, Metric metric) {
    if (metric.kind() != Metric.Kind.COSINE) {
      return row;
    }
    double norm = 0;
    for (float x : row) {
      norm += (double) x * x;
    }
    float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 1f;
    float[] out = new float[row.length];
    for (int i = 0; i < row.length; i++) {
      out[i] = row[i] * scale;
    }
    return out;
  }

  static void requireBuiltIn(Metric metric) {
    if (metric.kind() == Metric.Kind.CUSTOM) {
      throw new IllegalArgumentException("the peer libraries support l2, cosine and ip only");
    }
  }

  static long vectorBytes(float[][] rows) {
    return (long) rows.length * rows[0].length * Float.BYTES;
  }
}
