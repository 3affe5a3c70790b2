package io.hnsw4j.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whole-file reads and writes of vector files in every {@link VectorFormat}. Reads detect gzip by
 * content; writes gzip when the file name ends in {@code .gz}. HDF5 files are read with jhdf, by
 * default from their {@code train} dataset; a {@link VectorSource} names another one.
 */
public final class VectorFiles {
  // Caps the up-front list capacity so a header's count never drives a large allocation.
  private static final int MAX_INITIAL_CAPACITY = 1 << 16;

  private static final String DEFAULT_HDF5_DATASET = "train";

  private VectorFiles() {}

  /**
   * Every vector of a file, format chosen by name; integers are converted to float.
   *
   * @param path the file
   * @return its vectors, in file order
   * @throws IOException if the file cannot be read or is malformed
   */
  public static float[][] readAll(Path path) throws IOException {
    return readAll(path, Integer.MAX_VALUE);
  }

  /**
   * The first {@code limit} vectors of a file (fewer if it holds fewer), format chosen by name.
   *
   * @param path the file
   * @param limit the most vectors to read, at least 0
   * @return its first vectors, in file order
   * @throws IOException if the file cannot be read or is malformed
   */
  public static float[][] readAll(Path path, int limit) throws IOException {
    return readAll(path, VectorFormat.fromPath(path), limit);
  }

  /**
   * The first {@code limit} vectors of a file in the given format, whatever its name.
   *
   * @param path the file
   * @param format its format
   * @param limit the most vectors to read, at least 0
   * @return its first vectors, in file order
   * @throws IOException if the file cannot be read or is malformed
   */
  public static float[][] readAll(Path path, VectorFormat format, int limit) throws IOException {
    checkLimit(limit);
    if (format == VectorFormat.HDF5) {
      return Hdf5Reader.readFloats(path, DEFAULT_HDF5_DATASET, limit);
    }
    try (VectorReader r = VectorReader.open(path, format)) {
      List<float[]> out = new ArrayList<>(initialCapacity(r, limit));
      while (out.size() < limit) {
        float[] v = new float[r.dimension()];
        if (!r.next(v)) {
          break;
        }
        out.add(v);
      }
      return out.toArray(new float[0][]);
    }
  }

  /**
   * Every vector of an integer file (ivecs, ibin, bvecs, u8bin, IDX, npy of ints or bytes).
   *
   * @param path the file, format chosen by name
   * @return its vectors, in file order
   * @throws IOException if the file cannot be read, is malformed or holds floats
   */
  public static int[][] readIntsAll(Path path) throws IOException {
    return readIntsAll(path, Integer.MAX_VALUE);
  }

  /**
   * The first {@code limit} vectors of an integer file, format chosen by name.
   *
   * @param path the file
   * @param limit the most vectors to read, at least 0
   * @return its first vectors, in file order
   * @throws IOException if the file cannot be read, is malformed or holds floats
   */
  public static int[][] readIntsAll(Path path, int limit) throws IOException {
    return readIntsAll(path, VectorFormat.fromPath(path), limit);
  }

  /**
   * The first {@code limit} vectors of an integer file in the given format, whatever its name.
   *
   * @param path the file
   * @param format its format
   * @param limit the most vectors to read, at least 0
   * @return its first vectors, in file order
   * @throws IOException if the file cannot be read, is malformed or holds floats
   */
  public static int[][] readIntsAll(Path path, VectorFormat format, int limit) throws IOException {
    checkLimit(limit);
    if (format == VectorFormat.HDF5) {
      return Hdf5Reader.readInts(path, "neighbors", limit);
    }
    try (VectorReader r = VectorReader.open(path, format)) {
      List<int[]> out = new ArrayList<>(initialCapacity(r, limit));
      while (out.size() < limit) {
        int[] v = new int[r.dimension()];
        if (!r.nextInts(v)) {
          break;
        }
        out.add(v);
      }
      return out.toArray(new int[0][]);
    }
  }

  /**
   * Reads up to {@code limit} vectors (all when limit &lt; 0) as floats from a file, or from the
   * HDF5 dataset the source names ({@code train} when it names none).
   *
   * @param source the file, its format and, for HDF5, the dataset
   * @param limit the most vectors to read; any negative value reads them all
   * @return at least one vector, in file order
   * @throws IOException if the file cannot be read, is malformed, or holds no vectors
   */
  public static float[][] readFloats(VectorSource source, int limit) throws IOException {
    int max = limit < 0 ? Integer.MAX_VALUE : limit;
    float[][] rows =
        source.format() == VectorFormat.HDF5
            ? Hdf5Reader.readFloats(source.file(), datasetOf(source), max)
            : readAll(source.file(), source.format(), max);
    if (rows.length == 0) {
      throw new IOException(source + ": holds no vectors");
    }
    return rows;
  }

  /**
   * Reads up to {@code limit} rows of integers (neighbour ids), all when limit &lt; 0, from a file
   * or from the HDF5 dataset the source names ({@code train} when it names none: callers name
   * {@code neighbors} with {@link VectorSource#withDefaultDataset}).
   *
   * @param source the file, its format and, for HDF5, the dataset
   * @param limit the most rows to read; any negative value reads them all
   * @return the rows, in file order (none for an empty file)
   * @throws IOException if the file cannot be read, is malformed or holds floats
   */
  public static int[][] readInts(VectorSource source, int limit) throws IOException {
    int max = limit < 0 ? Integer.MAX_VALUE : limit;
    return source.format() == VectorFormat.HDF5
        ? Hdf5Reader.readInts(source.file(), datasetOf(source), max)
        : readIntsAll(source.file(), source.format(), max);
  }

  /**
   * The metric an ann-benchmarks HDF5 file declares in its {@code distance} attribute
   * ("euclidean", "angular"...), or null (always null for the other formats).
   *
   * @param source the file
   * @return the attribute's value, or null
   * @throws IOException if an HDF5 file cannot be read
   */
  public static String declaredMetric(VectorSource source) throws IOException {
    return source.format() == VectorFormat.HDF5
        ? Hdf5Reader.distanceAttribute(source.file())
        : null;
  }

  private static String datasetOf(VectorSource source) {
    return source.dataset() != null ? source.dataset() : DEFAULT_HDF5_DATASET;
  }

  private static void checkLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
  }

  private static int initialCapacity(VectorReader r, int limit) {
    long known = r.count() < 0 ? MAX_INITIAL_CAPACITY : r.count();
    return (int) Math.min(Math.min(known, limit), MAX_INITIAL_CAPACITY);
  }

  /**
   * Writes float vectors as fvecs.
   *
   * @param path the file to write (gzipped when the name ends in {@code .gz})
   * @param vectors the vectors, all of one length
   * @throws IOException if the file cannot be written
   */
  public static void writeFvecs(Path path, float[][] vectors) throws IOException {
    write(path, VectorFormat.FVECS, vectors);
  }

  /**
   * Writes int vectors (such as ground-truth ids) as ivecs.
   *
   * @param path the file to write (gzipped when the name ends in {@code .gz})
   * @param vectors the vectors, all of one length
   * @throws IOException if the file cannot be written
   */
  public static void writeIvecs(Path path, int[][] vectors) throws IOException {
    writeInts(path, VectorFormat.IVECS, vectors);
  }

  /**
   * Writes vectors whose components are whole numbers in 0..255 as bvecs.
   *
   * @param path the file to write (gzipped when the name ends in {@code .gz})
   * @param vectors the vectors, all of one length
   * @throws IOException if the file cannot be written
   */
  public static void writeBvecs(Path path, float[][] vectors) throws IOException {
    write(path, VectorFormat.BVECS, vectors);
  }

  /**
   * Writes float vectors as fbin.
   *
   * @param path the file to write (gzipped when the name ends in {@code .gz})
   * @param vectors the vectors, all of one length
   * @throws IOException if the file cannot be written
   */
  public static void writeFbin(Path path, float[][] vectors) throws IOException {
    write(path, VectorFormat.FBIN, vectors);
  }

  /**
   * Writes float vectors in fvecs, bvecs, fbin, u8bin or npy ({@code <f4}). For bvecs and u8bin
   * every component must be a whole number in 0..255.
   *
   * @param path the file to write (gzipped when the name ends in {@code .gz})
   * @param format the format to write
   * @param vectors the vectors, all of one length
   * @throws IOException if the file cannot be written
   * @throws IllegalArgumentException if the vectors differ in length, are empty, do not fit the
   *     format, or the format is not writable from floats
   */
  public static void write(Path path, VectorFormat format, float[][] vectors) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    int dim = commonDimension(vectors.length, i -> vectors[i].length);
    boolean bytes = format == VectorFormat.BVECS || format == VectorFormat.U8BIN;
    if (bytes) {
      checkBytes(vectors);
    } else if (format != VectorFormat.FVECS
        && format != VectorFormat.FBIN
        && format != VectorFormat.NPY) {
      throw new IllegalArgumentException("cannot write float vectors as " + format);
    }
    try (BlockOutput out = new BlockOutput(path)) {
      writeHeader(
          out, format, bytes ? ElementType.UINT8 : ElementType.FLOAT32, vectors.length, dim);
      for (float[] v : vectors) {
        if (format == VectorFormat.FVECS || format == VectorFormat.BVECS) {
          out.putInt(v.length);
        }
        if (bytes) {
          out.putUint8(v);
        } else {
          out.putFloats(v);
        }
      }
    }
  }

  /**
   * Writes int vectors in ivecs, ibin or npy ({@code <i4}).
   *
   * @param path the file to write (gzipped when the name ends in {@code .gz})
   * @param format the format to write
   * @param vectors the vectors, all of one length
   * @throws IOException if the file cannot be written
   * @throws IllegalArgumentException if the vectors differ in length, are empty, or the format is
   *     not writable from ints
   */
  public static void writeInts(Path path, VectorFormat format, int[][] vectors) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    int dim = commonDimension(vectors.length, i -> vectors[i].length);
    if (format != VectorFormat.IVECS && format != VectorFormat.IBIN && format != VectorFormat.NPY) {
      throw new IllegalArgumentException("cannot write int vectors as " + format);
    }
    try (BlockOutput out = new BlockOutput(path)) {
      writeHeader(out, format, ElementType.INT32, vectors.length, dim);
      for (int[] v : vectors) {
        if (format == VectorFormat.IVECS) {
          out.putInt(v.length);
        }
        out.putInts(v);
      }
    }
  }

  private static void writeHeader(
      BlockOutput out, VectorFormat format, ElementType type, int n, int dim) throws IOException {
    switch (format) {
      case FBIN, IBIN, U8BIN -> {
        out.putInt(n);
        out.putInt(dim);
      }
      case NPY -> out.putBytes(NpyHeader.encode(type, n, dim));
      default -> {} // vecs formats have no file header
    }
  }

  // The shared length of all vectors (0 when there are none); rejects ragged or empty vectors.
  private static int commonDimension(int n, java.util.function.IntUnaryOperator length) {
    if (n == 0) {
      return 0;
    }
    int dim = length.applyAsInt(0);
    if (dim == 0 || dim > VectorReader.MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "vector dimension must be in 1.." + VectorReader.MAX_DIMENSION + ", got " + dim);
    }
    for (int i = 1; i < n; i++) {
      if (length.applyAsInt(i) != dim) {
        throw new IllegalArgumentException(
            "vector " + i + " has length " + length.applyAsInt(i) + ", vector 0 has " + dim);
      }
    }
    return dim;
  }

  private static void checkBytes(float[][] vectors) {
    for (int i = 0; i < vectors.length; i++) {
      float[] v = vectors[i];
      for (int j = 0; j < v.length; j++) {
        float x = v[j];
        if (!(x >= 0 && x <= 255 && x == Math.rint(x))) {
          throw new IllegalArgumentException(
              "vector " + i + " component " + j + " is " + x + ", not a whole number in 0..255");
        }
      }
    }
  }
}
