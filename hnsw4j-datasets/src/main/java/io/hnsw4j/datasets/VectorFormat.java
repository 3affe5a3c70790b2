package io.hnsw4j.datasets;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The vector file formats hnsw4j reads. All are little-endian except the IDX header. Any of them
 * but HDF5 may be gzip-compressed: readers detect that by the gzip magic bytes, not by the name.
 */
public enum VectorFormat {
  /** Per vector: int32 dimension, then that many float32 (the TEXMEX/SIFT format). */
  FVECS("fvecs", ElementType.FLOAT32),
  /** Per vector: int32 dimension, then that many int32 (usually ground-truth ids). */
  IVECS("ivecs", ElementType.INT32),
  /** Per vector: int32 dimension, then that many unsigned bytes (read as 0..255). */
  BVECS("bvecs", ElementType.UINT8),
  /** Header int32 count, int32 dimension, then count * dimension float32 (big-ann-benchmarks). */
  FBIN("fbin", ElementType.FLOAT32),
  /** Header int32 count, int32 dimension, then count * dimension int32. */
  IBIN("ibin", ElementType.INT32),
  /** Header int32 count, int32 dimension, then count * dimension unsigned bytes. */
  U8BIN("u8bin", ElementType.UINT8),
  /** NumPy {@code .npy}, 2-D C-order array of {@code <f4}, {@code <i4} or {@code |u1}. */
  NPY("npy", null),
  /** MNIST IDX of unsigned bytes, big-endian header; every item after the first axis flattens. */
  IDX("idx", ElementType.UINT8),
  /**
   * ann-benchmarks HDF5: two-dimensional datasets {@code train}, {@code test}, {@code neighbors},
   * {@code distances}. Read whole (never streamed) through {@link VectorFiles}.
   */
  HDF5("hdf5", null);

  // MNIST's own names look like "train-images-idx3-ubyte" or "t10k-labels.idx1-ubyte".
  private static final Pattern IDX_NAME = Pattern.compile(".*idx\\d+-ubyte");

  private final String extension;
  private final ElementType elementType;

  VectorFormat(String extension, ElementType elementType) {
    this.extension = extension;
    this.elementType = elementType;
  }

  /** {@return the usual file name extension, without the dot (for IDX: {@code idx})} */
  public String extension() {
    return extension;
  }

  /** The component type fixed by the format, or null when the file's header says (NPY, HDF5). */
  ElementType elementType() {
    return elementType;
  }

  /**
   * The format named by a file's extension; a trailing {@code .gz} is ignored. MNIST-style names
   * ending in {@code idxN-ubyte} are IDX.
   *
   * @param path the file
   * @return the format its name implies
   * @throws IllegalArgumentException if the name matches no known format
   */
  public static VectorFormat fromPath(Path path) {
    VectorFormat format = fromPathOrNull(path);
    if (format == null) {
      throw new IllegalArgumentException(
          "cannot tell the vector format of "
              + path
              + " from its name; "
              + known()
              + "; name the format explicitly (--format on the command line)");
    }
    return format;
  }

  /** Like {@link #fromPath} but null when the name implies no format. */
  static VectorFormat fromPathOrNull(Path path) {
    Objects.requireNonNull(path, "path");
    Path name = path.getFileName();
    String s = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (s.endsWith(".gz")) {
      s = s.substring(0, s.length() - 3);
    }
    if (IDX_NAME.matcher(s).matches() || s.endsWith("-ubyte")) {
      return IDX;
    }
    if (s.endsWith(".h5")) {
      return HDF5;
    }
    int dot = s.lastIndexOf('.');
    return dot >= 0 ? lookup(s.substring(dot + 1)) : null;
  }

  /**
   * The format with this name or extension, case-insensitive, with or without a leading dot: {@code
   * "fvecs"}, {@code ".u8bin"}, {@code "NPY"}, {@code "idx"}.
   *
   * @param name the name, as a user writes it
   * @return the format of that name
   * @throws IllegalArgumentException if no format has that name
   */
  public static VectorFormat fromName(String name) {
    Objects.requireNonNull(name, "name");
    String s = name.strip().toLowerCase(Locale.ROOT);
    VectorFormat f = lookup(s.startsWith(".") ? s.substring(1) : s);
    if (f == null) {
      throw new IllegalArgumentException("unknown vector format '" + name + "'; " + known());
    }
    return f;
  }

  private static VectorFormat lookup(String ext) {
    for (VectorFormat f : values()) {
      if (f.extension.equals(ext)) {
        return f;
      }
    }
    return null;
  }

  private static String known() {
    StringBuilder sb = new StringBuilder("known formats:");
    for (VectorFormat f : values()) {
      sb.append(' ').append(f.extension);
    }
    return sb.append(", optionally .gz").toString();
  }
}
