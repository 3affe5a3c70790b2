package io.hnsw4j.bench.datasets;

import io.hnsw4j.datasets.VectorFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Cuts the small Fashion-MNIST fixture that hnsw4j-core's tests ship: the first 5,000 training
 * images as the base, the first 100 test images as queries, and their exact 100 nearest base ids
 * and squared L2 distances. Deterministic: the same input always gives the same bytes.
 *
 * <p>Usage: {@code FashionMnistFixture [sourceDir [outputDir]]}; run it through {@code
 * scripts/make-fashion-mnist-fixture.sh}.
 */
public final class FashionMnistFixture {
  public static final int BASE = 5_000;
  public static final int QUERIES = 100;
  public static final int K = 100;
  public static final String PREFIX = "fashion-mnist-5k";

  private FashionMnistFixture() {}

  /** Nearest neighbours per query: ids and their distances, closest first. */
  record Neighbours(int[][] ids, double[][] distances) {}

  public static void main(String[] args) throws IOException {
    if (args.length > 2) {
      System.err.println("usage: FashionMnistFixture [sourceDir [outputDir]]");
      System.exit(2);
    }
    Path source = args.length > 0 ? Path.of(args[0]) : FashionMnist.defaultDir();
    Path out =
        args.length > 1
            ? Path.of(args[1])
            : Path.of("hnsw4j-core/src/test/resources/fashion-mnist");
    float[][] base =
        VectorFiles.readAll(FashionMnist.file(source, FashionMnist.TRAIN_IMAGES), BASE);
    float[][] queries =
        VectorFiles.readAll(FashionMnist.file(source, FashionMnist.TEST_IMAGES), QUERIES);
    if (base.length != BASE || queries.length != QUERIES) {
      throw new IOException(
          "expected at least " + BASE + " training and " + QUERIES + " test images");
    }

    Neighbours gt = groundTruth(base, queries, K);
    verify(gt, base, queries);

    Files.createDirectories(out);
    VectorFiles.writeBvecs(out.resolve(PREFIX + "_base.bvecs"), base);
    VectorFiles.writeBvecs(out.resolve(PREFIX + "_query.bvecs"), queries);
    VectorFiles.writeIvecs(out.resolve(PREFIX + "_groundtruth.ivecs"), gt.ids());
    float[][] dist = new float[QUERIES][K];
    for (int q = 0; q < QUERIES; q++) {
      for (int j = 0; j < K; j++) {
        dist[q][j] = (float) gt.distances()[q][j];
      }
    }
    VectorFiles.writeFvecs(out.resolve(PREFIX + "_groundtruth_dist.fvecs"), dist);
    System.out.printf(
        "wrote %s: base %d x %d, queries %d, ground truth k=%d (%d queries tie at rank %d)%n",
        out, base.length, base[0].length, queries.length, K, boundaryTies(base, queries, gt), K);
  }

  /**
   * Exact k nearest base vectors per query by squared L2 computed in double precision, ties broken
   * by the smaller id.
   */
  static Neighbours groundTruth(float[][] base, float[][] queries, int k) {
    int[][] ids = new int[queries.length][k];
    double[][] dists = new double[queries.length][k];
    Integer[] order = new Integer[base.length];
    double[] d = new double[base.length];
    for (int q = 0; q < queries.length; q++) {
      for (int i = 0; i < base.length; i++) {
        d[i] = squaredL2(queries[q], base[i]);
        order[i] = i;
      }
      Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> d[i]).thenComparingInt(i -> i));
      for (int j = 0; j < k; j++) {
        ids[q][j] = order[j];
        dists[q][j] = d[order[j]];
      }
    }
    return new Neighbours(ids, dists);
  }

  static double squaredL2(float[] a, float[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double diff = (double) a[j] - b[j];
      s += diff * diff;
    }
    return s;
  }

  /**
   * A second, independent brute force: pixels are whole numbers, so distances are exact integers;
   * packing (distance, id) into one long and sorting orders by distance then id.
   */
  static void verify(Neighbours gt, float[][] base, float[][] queries) {
    int idBits = 64 - Long.numberOfLeadingZeros(base.length);
    long[] keys = new long[base.length];
    for (int q = 0; q < queries.length; q++) {
      for (int i = 0; i < base.length; i++) {
        long dist = 0;
        for (int j = 0; j < base[i].length; j++) {
          long diff = (long) queries[q][j] - (long) base[i][j];
          dist += diff * diff;
        }
        keys[i] = dist << idBits | i;
      }
      Arrays.sort(keys);
      for (int j = 0; j < gt.ids()[q].length; j++) {
        int id = (int) (keys[j] & ((1L << idBits) - 1));
        long dist = keys[j] >>> idBits;
        if (id != gt.ids()[q][j] || dist != gt.distances()[q][j]) {
          throw new IllegalStateException(
              "ground truth mismatch at query "
                  + q
                  + " rank "
                  + j
                  + ": "
                  + gt.ids()[q][j]
                  + "@"
                  + gt.distances()[q][j]
                  + " vs "
                  + id
                  + "@"
                  + dist);
        }
      }
    }
  }

  // How many queries have a base vector outside the top k at the k-th distance (ids decide).
  private static int boundaryTies(float[][] base, float[][] queries, Neighbours gt) {
    int ties = 0;
    for (int q = 0; q < queries.length; q++) {
      double kth = gt.distances()[q][gt.distances()[q].length - 1];
      int within = 0;
      for (float[] b : base) {
        if (squaredL2(queries[q], b) <= kth) {
          within++;
        }
      }
      if (within > gt.ids()[q].length) {
        ties++;
      }
    }
    return ties;
  }
}
