package io.hnsw4j.testutil;

import io.hnsw4j.SearchResult;
import io.hnsw4j.VectorIndex;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Seeded synthetic data and recall measurement for tests. */
public final class TestData {
  private TestData() {}

  /**
   * {@code n} vectors around {@code clusters} Gaussian centres (spread 1 inside a cluster, centres
   * spread 4), the usual shape of embedding data that is harder than uniform noise.
   */
  public static float[][] clustered(int n, int dim, int clusters, long seed) {
    Random random = new Random(seed);
    float[][] centres = new float[clusters][dim];
    for (float[] c : centres) {
      for (int j = 0; j < dim; j++) {
        c[j] = (float) (random.nextGaussian() * 4);
      }
    }
    float[][] out = new float[n][dim];
    for (int i = 0; i < n; i++) {
      float[] c = centres[random.nextInt(clusters)];
      for (int j = 0; j < dim; j++) {
        out[i][j] = c[j] + (float) random.nextGaussian();
      }
    }
    return out;
  }

  /**
   * {@code n} vectors {@code m + A z + e}, the shape of sentence embeddings more than of tight
   * clusters: a common offset m (a N(0, 1) draw per component), a fixed {@code dim x rank} mixing
   * A of N(0, 1) entries applied to a N(0, I) latent z, and noise e of spread 0.3 per component.
   */
  public static float[][] latent(int n, int dim, int rank, long seed) {
    Random random = new Random(seed);
    float[] offset = new float[dim];
    float[][] mixing = new float[dim][rank];
    for (int j = 0; j < dim; j++) {
      offset[j] = (float) random.nextGaussian();
      for (int k = 0; k < rank; k++) {
        mixing[j][k] = (float) random.nextGaussian();
      }
    }
    float[][] out = new float[n][dim];
    double[] z = new double[rank];
    for (float[] v : out) {
      for (int k = 0; k < rank; k++) {
        z[k] = random.nextGaussian();
      }
      for (int j = 0; j < dim; j++) {
        double x = offset[j] + 0.3 * random.nextGaussian();
        for (int k = 0; k < rank; k++) {
          x += mixing[j][k] * z[k];
        }
        v[j] = (float) x;
      }
    }
    return out;
  }

  /** Base vectors and queries drawn from the same clustered mixture. */
  public record Split(float[][] base, float[][] queries) {}

  public static Split clusteredSplit(int n, int queries, int dim, int clusters, long seed) {
    float[][] all = clustered(n + queries, dim, clusters, seed);
    return new Split(
        java.util.Arrays.copyOfRange(all, 0, n), java.util.Arrays.copyOfRange(all, n, n + queries));
  }

  public static float[][] uniform(int n, int dim, long seed) {
    Random random = new Random(seed);
    float[][] out = new float[n][dim];
    for (float[] v : out) {
      for (int j = 0; j < dim; j++) {
        v[j] = random.nextFloat() * 2 - 1;
      }
    }
    return out;
  }

  public static long[] sequentialIds(int n) {
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    return ids;
  }

  /** Mean fraction of the exact top-k ids that the approximate answers contain. */
  public static double recall(List<List<SearchResult>> exact, List<List<SearchResult>> approx, int k) {
    long hits = 0;
    long total = 0;
    for (int q = 0; q < exact.size(); q++) {
      Set<Long> truth = new HashSet<>();
      List<SearchResult> e = exact.get(q);
      for (int i = 0; i < Math.min(k, e.size()); i++) {
        truth.add(e.get(i).id());
      }
      for (SearchResult r : approx.get(q).subList(0, Math.min(k, approx.get(q).size()))) {
        if (truth.contains(r.id())) {
          hits++;
        }
      }
      total += truth.size();
    }
    return total == 0 ? 1.0 : (double) hits / total;
  }

  /** Exact answers for the queries from a brute-force index over the same data. */
  public static List<List<SearchResult>> exact(VectorIndex exact, float[][] queries, int k) {
    return exact.searchBatch(queries, k, 1, Runtime.getRuntime().availableProcessors());
  }
}
