package io.hnsw4j.cli.data;

import java.nio.file.Path;
import java.util.Locale;

/** The vector file formats the command reads, told apart by file name unless given. */
public enum VectorFormat {
  /** TEXMEX: per vector an int32 dimension, then float32 components. */
  FVECS,
  /** TEXMEX: per vector an int32 dimension, then int32 components. */
  IVECS,
  /** TEXMEX: per vector an int32 dimension, then uint8 components. */
  BVECS,
  /** big-ann-benchmarks: int32 count, int32 dimension, then float32 rows. */
  FBIN,
  /** big-ann-benchmarks: int32 count, int32 dimension, then int32 rows. */
  IBIN,
  /** big-ann-benchmarks: int32 count, int32 dimension, then uint8 rows. */
  U8BIN,
  /** NumPy .npy, a two-dimensional array in C order. */
  NPY,
  /** MNIST-style IDX (idx3-ubyte images, optionally gzipped): one row per image. */
  IDX,
  /** ann-benchmarks HDF5: datasets train, test, neighbors, distances. */
  HDF5;

  /** The format a file name implies, or null when it implies none. */
  public static VectorFormat fromFileName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    if (name.endsWith(".fvecs")) {
      return FVECS;
    } else if (name.endsWith(".ivecs")) {
      return IVECS;
    } else if (name.endsWith(".bvecs")) {
      return BVECS;
    } else if (name.endsWith(".fbin")) {
      return FBIN;
    } else if (name.endsWith(".ibin")) {
      return IBIN;
    } else if (name.endsWith(".u8bin")) {
      return U8BIN;
    } else if (name.endsWith(".npy")) {
      return NPY;
    } else if (name.endsWith("-ubyte") || name.endsWith(".idx")) {
      return IDX;
    } else if (name.endsWith(".hdf5") || name.endsWith(".h5")) {
      return HDF5;
    }
    return null;
  }

  /** Parses a --format value, case-insensitively. */
  public static VectorFormat parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown format '" + value + "'; use one of fvecs, ivecs, bvecs, fbin, ibin, u8bin, npy,"
              + " idx, hdf5");
    }
  }
}
