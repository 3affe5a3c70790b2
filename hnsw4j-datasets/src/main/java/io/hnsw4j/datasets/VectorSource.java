package io.hnsw4j.datasets;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a matrix of vectors comes from: a file, its format and, for HDF5, the dataset inside it.
 * Written on the command line as {@code FILE} or {@code FILE.hdf5:DATASET}.
 *
 * @param file the file
 * @param format its format
 * @param dataset the HDF5 dataset, or null for the caller's default (train, test, neighbors)
 */
public record VectorSource(Path file, VectorFormat format, String dataset) {

  /**
   * Parses a command-line spec; {@code format} (may be null) overrides the file name.
   *
   * @param spec {@code FILE} or {@code FILE.hdf5:DATASET}
   * @param format the format, or null to tell it from the file name
   * @return the source
   * @throws IllegalArgumentException if no format is given and the name implies none
   */
  public static VectorSource parse(String spec, VectorFormat format) {
    Path file = Path.of(spec);
    String dataset = null;
    int colon = spec.lastIndexOf(':');
    // "glove.hdf5:test" names a dataset, unless a file of that very name exists.
    if (colon > 0 && !Files.exists(file)) {
      Path head = Path.of(spec.substring(0, colon));
      VectorFormat headFormat = format != null ? format : VectorFormat.fromPathOrNull(head);
      if (headFormat == VectorFormat.HDF5) {
        file = head;
        dataset = spec.substring(colon + 1);
      }
    }
    return new VectorSource(file, format != null ? format : VectorFormat.fromPath(file), dataset);
  }

  /**
   * The same source, or for HDF5 with no dataset named, the given default dataset.
   *
   * @param name the dataset to read when the source names none
   * @return this source, or one that names the dataset
   */
  public VectorSource withDefaultDataset(String name) {
    return dataset == null && format == VectorFormat.HDF5
        ? new VectorSource(file, format, name)
        : this;
  }

  @Override
  public String toString() {
    return dataset == null ? file.toString() : file + ":" + dataset;
  }
}
