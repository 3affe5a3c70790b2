package io.hnsw4j.cli.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes vector matrices in every format the command knows. The one place that
 * touches file formats, so that the readers behind it can change without the commands noticing.
 */
public final class VectorFiles {
  private VectorFiles() {}

  /** Reads up to {@code limit} vectors (all when limit &lt; 0) as floats. */
  public static float[][] readFloats(VectorSource source, int limit) throws IOException {
    float[][] rows = source.format() == VectorFormat.HDF5
        ? Hdf5Reader.readFloats(source.file(), datasetOf(source), limit)
        : LocalReaders.readFloats(source.file(), source.format(), limit);
    if (rows.length == 0) {
      throw new IOException(source + ": holds no vectors");
    }
    return rows;
  }

  /** Reads up to {@code limit} rows of integers (neighbour ids), all when limit &lt; 0. */
  public static int[][] readInts(VectorSource source, int limit) throws IOException {
    return source.format() == VectorFormat.HDF5
        ? Hdf5Reader.readInts(source.file(), datasetOf(source), limit)
        : LocalReaders.readInts(source.file(), source.format(), limit);
  }

  /** The metric an ann-benchmarks HDF5 file declares ("euclidean", "angular"...), or null. */
  public static String declaredMetric(VectorSource source) throws IOException {
    return source.format() == VectorFormat.HDF5
        ? Hdf5Reader.distanceAttribute(source.file())
        : null;
  }

  /** Writes rows of ids as ivecs, through a temporary file renamed into place. */
  public static void writeIvecs(Path file, int[][] rows) throws IOException {
    write(file, rows.length, i -> {
      ByteBuffer b = ByteBuffer.allocate(4 + 4 * rows[i].length).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(rows[i].length);
      for (int v : rows[i]) {
        b.putInt(v);
      }
      return b.array();
    });
  }

  /** Writes rows of floats as fvecs, through a temporary file renamed into place. */
  public static void writeFvecs(Path file, float[][] rows) throws IOException {
    write(file, rows.length, i -> {
      ByteBuffer b = ByteBuffer.allocate(4 + 4 * rows[i].length).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(rows[i].length);
      for (float v : rows[i]) {
        b.putFloat(v);
      }
      return b.array();
    });
  }

  private interface RowBytes {
    byte[] row(int i);
  }

  private static void write(Path file, int count, RowBytes rows) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        for (int i = 0; i < count; i++) {
          out.write(rows.row(i));
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String datasetOf(VectorSource source) {
    return source.dataset() != null ? source.dataset() : "train";
  }
}
