package io.hnsw4j;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What a vector set looks like to a nearest-neighbour index: its size and dimension, the
 * vectors' norms, the distribution of pointwise local intrinsic dimensionality ({@link
 * IntrinsicDimensionality}) and hubness ({@link Hubness}). All from exact neighbours (brute
 * force), for a random sample of points:
 *
 * <ul>
 *   <li>each sampled point's LID comes from its k nearest neighbours among all the vectors
 *       (sample x n distances);
 *   <li>hubness counts k-occurrences among the sampled points only (sample^2 distances): with the
 *       whole set as the sample it is the data's hubness, with a part of it an estimate at that
 *       smaller size.
 * </ul>
 *
 * @param size number of vectors
 * @param dimension their dimension
 * @param metric the metric the neighbours were found with
 * @param k neighbours per point (fewer if the set has no more than k vectors)
 * @param sampleSize how many points were sampled
 * @param norms Euclidean norms of all the vectors, as given (before any normalisation)
 * @param lid LID estimates of the sampled points
 * @param hubness hubness of the sampled points' k-nearest-neighbour lists among themselves
 */
public record DataDiagnostics(
    int size,
    int dimension,
    Metric metric,
    int k,
    int sampleSize,
    Distribution norms,
    Distribution lid,
    Hubness hubness) {

  /**
   * Measures a vector set.
   *
   * @param vectors the vectors, all of one dimension, finite (and for cosine not all zero)
   * @param metric how distances are measured (inner product: see {@link IntrinsicDimensionality})
   * @param k neighbours per point, 2..1000 (20 is usual)
   * @param sampleSize points to sample, at least 1; the whole set when it has no more
   * @param seed seed of the sample
   * @param threads threads to use, 1..4096
   * @return the diagnostics; the same for the same input, seed and k, whatever the threads
   * @throws IllegalArgumentException if an argument is out of range or a vector is invalid (the
   *     message names it)
   */
  public static DataDiagnostics of(
      float[][] vectors, Metric metric, int k, int sampleSize, long seed, int threads) {
    IntrinsicDimensionality.checkArguments(vectors, metric, k);
    if (sampleSize < 1) {
      throw new IllegalArgumentException("sampleSize must be >= 1, got " + sampleSize);
    }
    int n = vectors.length;
    int neighbours = Math.min(k, n - 1);
    int[] sample = sample(n, sampleSize, seed);
    NearestNeighbours.Lists lists = NearestNeighbours.exact(vectors, sample, metric, neighbours, threads);
    double[] lid = new double[sample.length];
    for (int i = 0; i < lid.length; i++) {
      lid[i] = IntrinsicDimensionality.estimate(lists.lengths()[i]);
    }
    Hubness hubness = Hubness.of(sample.length == n ? lists.rows() : withinSample(vectors, sample, metric, k, threads));
    return new DataDiagnostics(
        n, vectors[0].length, metric, neighbours, sample.length, Distribution.of(norms(vectors)),
        Distribution.of(lid), hubness);
  }

  /** Every row when the sample covers the set, else a seeded sample without repeats, ascending. */
  private static int[] sample(int n, int size, long seed) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    if (size >= n) {
      return rows;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) { // a partial Fisher-Yates shuffle
      int j = i + random.nextInt(n - i);
      int swap = rows[i];
      rows[i] = rows[j];
      rows[j] = swap;
    }
    int[] chosen = Arrays.copyOf(rows, size);
    Arrays.sort(chosen);
    return chosen;
  }

  /** The sampled points' neighbour lists among themselves, as positions in the sample. */
  private static int[][] withinSample(float[][] vectors, int[] sample, Metric metric, int k, int threads) {
    float[][] sampled = new float[sample.length][];
    int[] positions = new int[sample.length];
    for (int i = 0; i < sample.length; i++) {
      sampled[i] = vectors[sample[i]];
      positions[i] = i;
    }
    return NearestNeighbours.exact(sampled, positions, metric, Math.min(k, sample.length - 1), threads).rows();
  }

  private static double[] norms(float[][] vectors) {
    double[] norms = new double[vectors.length];
    for (int i = 0; i < vectors.length; i++) {
      double sum = 0;
      for (float x : vectors[i]) {
        sum += (double) x * x;
      }
      norms[i] = Math.sqrt(sum);
    }
    return norms;
  }
}
