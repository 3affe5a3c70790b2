package io.hnsw4j.cli.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads and writes vector matrices in every format the command knows: the core's readers
 * ({@link io.hnsw4j.io.VectorFiles}) for the TEXMEX, big-ann-benchmarks, NumPy and IDX formats,
 * jhdf for ann-benchmarks HDF5. The one place where the commands touch file formats.
 */
public final class VectorFiles {
  private VectorFiles() {}

  /** Reads up to {@code limit} vectors (all when limit &lt; 0) as floats. */
  public static float[][] readFloats(VectorSource source, int limit) throws IOException {
    float[][] rows = source.format() == VectorFormat.HDF5
        ? Hdf5Reader.readFloats(source.file(), datasetOf(source), limit)
        : io.hnsw4j.io.VectorFiles.readAll(source.file(), core(source.format()), max(limit));
    if (rows.length == 0) {
      throw new IOException(source + ": holds no vectors");
    }
    return rows;
  }

  /** Reads up to {@code limit} rows of integers (neighbour ids), all when limit &lt; 0. */
  public static int[][] readInts(VectorSource source, int limit) throws IOException {
    return source.format() == VectorFormat.HDF5
        ? Hdf5Reader.readInts(source.file(), datasetOf(source), limit)
        : io.hnsw4j.io.VectorFiles.readIntsAll(source.file(), core(source.format()), max(limit));
  }

  /** The metric an ann-benchmarks HDF5 file declares ("euclidean", "angular"...), or null. */
  public static String declaredMetric(VectorSource source) throws IOException {
    return source.format() == VectorFormat.HDF5
        ? Hdf5Reader.distanceAttribute(source.file())
        : null;
  }

  /** Writes rows of ids as ivecs. */
  public static void writeIvecs(Path file, int[][] rows) throws IOException {
    io.hnsw4j.io.VectorFiles.writeIvecs(file, rows);
  }

  /** Writes rows of floats as fvecs. */
  public static void writeFvecs(Path file, float[][] rows) throws IOException {
    io.hnsw4j.io.VectorFiles.writeFvecs(file, rows);
  }

  private static io.hnsw4j.io.VectorFormat core(VectorFormat format) {
    return io.hnsw4j.io.VectorFormat.valueOf(format.name());
  }

  private static int max(int limit) {
    return limit < 0 ? Integer.MAX_VALUE : limit;
  }

  private static String datasetOf(VectorSource source) {
    return source.dataset() != null ? source.dataset() : "train";
  }
}
