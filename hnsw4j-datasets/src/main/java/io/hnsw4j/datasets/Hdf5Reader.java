package io.hnsw4j.datasets;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads ann-benchmarks HDF5 files (datasets train, test, neighbors, distances) with jhdf. */
final class Hdf5Reader {
  private Hdf5Reader() {}

  static float[][] readFloats(Path file, String name, int limit) throws IOException {
    Object data = readMatrix(file, name, limit);
    if (data instanceof float[][] f) {
      return f;
    }
    if (data instanceof double[][] d) {
      float[][] out = new float[d.length][];
      for (int i = 0; i < d.length; i++) {
        out[i] = new float[d[i].length];
        for (int j = 0; j < d[i].length; j++) {
          out[i][j] = (float) d[i][j];
        }
      }
      return out;
    }
    int[][] ints = toInts(file, name, data);
    float[][] out = new float[ints.length][];
    for (int i = 0; i < ints.length; i++) {
      out[i] = new float[ints[i].length];
      for (int j = 0; j < ints[i].length; j++) {
        out[i][j] = ints[i][j];
      }
    }
    return out;
  }

  static int[][] readInts(Path file, String name, int limit) throws IOException {
    return toInts(file, name, readMatrix(file, name, limit));
  }

  /** The file's "distance" attribute ("euclidean", "angular", "dot"...), or null. */
  static String distanceAttribute(Path file) throws IOException {
    try (HdfFile hdf = new HdfFile(file)) {
      Attribute attribute = hdf.getAttribute("distance");
      if (attribute == null) {
        return null;
      }
      Object value = attribute.getData();
      if (value instanceof String[] array && array.length > 0) {
        return array[0];
      }
      return value == null ? null : value.toString();
    } catch (HdfException e) {
      throw new IOException(file + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
    }
  }

  private static Object readMatrix(Path file, String name, int limit) throws IOException {
    try (HdfFile hdf = new HdfFile(file)) {
      Node node = hdf.getChildren().get(name);
      if (!(node instanceof Dataset dataset)) {
        throw new IOException(file + ": no dataset '" + name + "' (it has "
            + hdf.getChildren().keySet() + ")");
      }
      int[] dims = dataset.getDimensions();
      if (dims.length != 2) {
        throw new IOException(file + ":" + name + ": expected a two-dimensional dataset, got "
            + Arrays.toString(dims));
      }
      checkExtent(file, name, dataset);
      if (limit >= 0 && limit < dims[0]) {
        return dataset.getData(new long[] {0, 0}, new int[] {limit, dims[1]});
      }
      return dataset.getData();
    } catch (HdfException e) {
      throw new IOException(file + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
    }
  }

  /**
   * A contiguous dataset's bytes must lie inside the file: jhdf maps a truncated file's missing
   * tail without complaint, and would hand back whatever the mapping holds there.
   */
  private static void checkExtent(Path file, String name, Dataset dataset) throws IOException {
    if (dataset instanceof ContiguousDataset contiguous) {
      long end = contiguous.getDataAddress() + dataset.getSizeInBytes();
      long size = Files.size(file);
      if (contiguous.getDataAddress() < 0 || end > size) {
        throw new CorruptFileException(file, -1, -1, "dataset '" + name + "' needs bytes up to "
            + end + " but the file has " + size + " (truncated?)");
      }
    }
  }

  private static int[][] toInts(Path file, String name, Object data) throws IOException {
    if (data instanceof int[][] i) {
      return i;
    }
    if (data instanceof long[][] l) {
      int[][] out = new int[l.length][];
      for (int i = 0; i < l.length; i++) {
        out[i] = Arrays.stream(l[i]).mapToInt(Math::toIntExact).toArray();
      }
      return out;
    }
    if (data instanceof byte[][] b) {
      int[][] out = new int[b.length][];
      for (int i = 0; i < b.length; i++) {
        out[i] = new int[b[i].length];
        for (int j = 0; j < b[i].length; j++) {
          out[i][j] = b[i][j] & 0xff;
        }
      }
      return out;
    }
    throw new IOException(file + ":" + name + ": unsupported element type "
        + data.getClass().getComponentType().getComponentType());
  }
}
