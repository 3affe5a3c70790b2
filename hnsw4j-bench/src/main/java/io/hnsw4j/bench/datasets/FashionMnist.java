package io.hnsw4j.bench.datasets;

import io.hnsw4j.datasets.VectorFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The full Fashion-MNIST data set (60,000 training and 10,000 test images of 28x28 pixels, each
 * flattened to 784 floats in 0..255) read from the IDX files of the Debian package {@code
 * dataset-fashion-mnist}.
 *
 * @param train the 60,000 training images, the usual index base
 * @param trainLabels their classes, 0..9
 * @param test the 10,000 test images, the usual queries
 * @param testLabels their classes, 0..9
 */
public record FashionMnist(float[][] train, int[] trainLabels, float[][] test, int[] testLabels) {
  /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
  public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  /** System property that points at another folder holding the four IDX files. */
  public static final String DIR_PROPERTY = "hnsw4j.fashionMnist.dir";

  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

  // Queries share each pass over the base so it is read from memory once per block, not per query.
  private static final int QUERY_BLOCK = 32;

  /** The folder named by {@link #DIR_PROPERTY}, else {@link #DEFAULT_DIR}. */
  public static Path defaultDir() {
    String dir = System.getProperty(DIR_PROPERTY);
    return dir == null || dir.isBlank() ? DEFAULT_DIR : Path.of(dir);
  }

  /** Loads the data set from {@link #defaultDir()}. */
  public static FashionMnist load() throws IOException {
    return load(defaultDir());
  }

  /** Loads the data set from a folder holding the four gzipped IDX files. */
  public static FashionMnist load(Path dir) throws IOException {
    float[][] train = VectorFiles.readAll(file(dir, TRAIN_IMAGES));
    int[] trainLabels = labels(file(dir, TRAIN_LABELS));
    float[][] test = VectorFiles.readAll(file(dir, TEST_IMAGES));
    int[] testLabels = labels(file(dir, TEST_LABELS));
    if (train.length != trainLabels.length || test.length != testLabels.length) {
      throw new IOException(
          "Fashion-MNIST in "
              + dir
              + ": image and label counts differ ("
              + train.length
              + "/"
              + trainLabels.length
              + ", "
              + test.length
              + "/"
              + testLabels.length
              + ")");
    }
    return new FashionMnist(train, trainLabels, test, testLabels);
  }

  /**
   * One of the data set's files, checked to exist.
   *
   * @throws NoSuchFileException naming the install command when it is missing
   */
  public static Path file(Path dir, String name) throws NoSuchFileException {
    Path p = dir.resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new NoSuchFileException(
          p.toString(),
          null,
          "Fashion-MNIST is missing; install it with `sudo apt-get install dataset-fashion-mnist`"
              + " (or point -D"
              + DIR_PROPERTY
              + " at a folder holding the IDX files)");
    }
    return p;
  }

  private static int[] labels(Path p) throws IOException {
    int[][] rows = VectorFiles.readIntsAll(p);
    int[] labels = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      labels[i] = rows[i][0];
    }
    return labels;
  }

  /**
   * The share of test images whose exact nearest training image (squared L2, ties to the smaller
   * id) has the same label. Exact integer arithmetic: pixels are whole numbers.
   */
  public double oneNearestNeighbourAccuracy() {
    int[][] base = toInts(train);
    int[][] queries = toInts(test);
    int blocks = (queries.length + QUERY_BLOCK - 1) / QUERY_BLOCK;
    long hits =
        IntStream.range(0, blocks)
            .parallel()
            .mapToLong(
                blk -> {
                  int from = blk * QUERY_BLOCK;
                  int to = Math.min(queries.length, from + QUERY_BLOCK);
                  int[] nn = nearest(queries, from, to, base);
                  long h = 0;
                  for (int q = from; q < to; q++) {
                    h += trainLabels[nn[q - from]] == testLabels[q] ? 1 : 0;
                  }
                  return h;
                })
            .sum();
    return (double) hits / queries.length;
  }

  private static int[] nearest(int[][] queries, int from, int to, int[][] base) {
    int[] best = new int[to - from];
    int[] bestDist = new int[to - from];
    Arrays.fill(bestDist, Integer.MAX_VALUE);
    for (int i = 0; i < base.length; i++) {
      int[] b = base[i];
      for (int q = from; q < to; q++) {
        int[] v = queries[q];
        int d = 0; // at most 784 * 255^2 < 2^31
        for (int j = 0; j < v.length; j++) {
          int diff = v[j] - b[j];
          d += diff * diff;
        }
        if (d < bestDist[q - from]) { // strict: ties keep the smaller id
          bestDist[q - from] = d;
          best[q - from] = i;
        }
      }
    }
    return best;
  }

  private static int[][] toInts(float[][] v) {
    int[][] out = new int[v.length][];
    for (int i = 0; i < v.length; i++) {
      out[i] = new int[v[i].length];
      for (int j = 0; j < v[i].length; j++) {
        out[i][j] = (int) v[i][j];
      }
    }
    return out;
  }

  /** Prints the sizes; with {@code --accuracy} also the exact 1-NN label accuracy (84.97%). */
  public static void main(String[] args) throws IOException {
    long t0 = System.nanoTime();
    FashionMnist d = load();
    System.out.printf(
        "Fashion-MNIST from %s: train %d x %d, test %d x %d, loaded in %.2f s%n",
        defaultDir(),
        d.train.length,
        d.train[0].length,
        d.test.length,
        d.test[0].length,
        (System.nanoTime() - t0) / 1e9);
    if (args.length > 0 && args[0].equals("--accuracy")) {
      long t1 = System.nanoTime();
      double acc = d.oneNearestNeighbourAccuracy();
      System.out.printf(
          "exact 1-NN label accuracy: %.2f%% (%.1f s)%n",
          100 * acc, (System.nanoTime() - t1) / 1e9);
    }
  }
}
