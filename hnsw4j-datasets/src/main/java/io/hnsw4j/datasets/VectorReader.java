package io.hnsw4j.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams the vectors of one file, one record at a time, in any {@link VectorFormat}, plain or
 * gzip-compressed. Sizes in headers are checked against the file length before anything is
 * allocated, so a corrupt file gives a {@link CorruptFileException}, never an OutOfMemoryError.
 *
 * <pre>{@code
 * try (VectorReader r = VectorReader.open(path)) {
 *   float[] v = new float[r.dimension()];
 *   while (r.next(v)) { ... }
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class VectorReader implements AutoCloseable {
  /** The largest dimension accepted; anything larger is taken as a corrupt header. */
  public static final int MAX_DIMENSION = 1 << 20;

  private static final int GZIP_MAGIC = 0x8b1f;

  private final Path path;
  private final VectorFormat format;
  private final boolean compressed;
  private final long fileSize; // -1 when compressed: the decompressed length is unknown
  private final BlockInput in;
  private final boolean prefixed; // fvecs/ivecs/bvecs: every record starts with its dimension
  private ElementType type;
  private int dim;
  private long count = -1;
  private boolean prefixPending; // vecs: the first record's dimension was read by the header
  private long index;

  private VectorReader(
      Path path, VectorFormat format, boolean compressed, long size, BlockInput in) {
    this.path = path;
    this.format = format;
    this.compressed = compressed;
    this.fileSize = compressed ? -1 : size;
    this.in = in;
    this.type = format.elementType();
    this.prefixed =
        format == VectorFormat.FVECS
            || format == VectorFormat.IVECS
            || format == VectorFormat.BVECS;
  }

  /**
   * Opens a file, choosing the format by its name ({@link VectorFormat#fromPath}).
   *
   * @param path the file
   * @return a reader positioned before the first vector
   * @throws IOException if the file cannot be opened or its header is malformed
   */
  public static VectorReader open(Path path) throws IOException {
    return open(path, VectorFormat.fromPath(path));
  }

  /**
   * Opens a file in the given format, whatever its name.
   *
   * @param path the file
   * @param format its format
   * @return a reader positioned before the first vector
   * @throws IOException if the file cannot be opened or its header is malformed
   * @throws IllegalArgumentException for HDF5, which is read whole through {@link VectorFiles}
   */
  public static VectorReader open(Path path, VectorFormat format) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    if (format == VectorFormat.HDF5) {
      throw new IllegalArgumentException(
          path + ": HDF5 files are not streamed; read them with VectorFiles.readFloats");
    }
    FileChannel ch;
    try {
      ch = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(path.toString(), null, "vector file does not exist");
    }
    BlockInput in = null;
    try {
      long size = ch.size();
      ByteBuffer magic = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(magic, 0);
      boolean gz = magic.position() == 2 && (magic.getShort(0) & 0xFFFF) == GZIP_MAGIC;
      ByteOrder order = format == VectorFormat.IDX ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      if (gz) {
        InputStream raw = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
        in = new BlockInput(Channels.newChannel(new GZIPInputStream(raw, 1 << 16)), order);
      } else {
        in = new BlockInput(ch, order);
      }
      VectorReader r = new VectorReader(path, format, gz, size, in);
      r.readHeader();
      return r;
    } catch (IOException | RuntimeException e) {
      if (in != null) {
        in.close();
      } else {
        ch.close();
      }
      if (e instanceof ZipException || e instanceof EOFException) {
        // only the gzip layer throws these
        throw new CorruptFileException(
            path, -1, -1, "[" + format.extension() + ".gz] damaged gzip stream: " + e.getMessage());
      }
      throw e;
    }
  }

  private void readHeader() throws IOException {
    switch (format) {
      case FVECS, IVECS, BVECS -> readVecsHeader();
      case FBIN, IBIN, U8BIN -> readBinHeader();
      case NPY -> {
        NpyHeader h = NpyHeader.read(in, path, fileSize);
        type = h.type();
        setShape(h.rows(), h.cols(), h.dataOffset());
      }
      case IDX -> readIdxHeader();
      case HDF5 -> throw new IllegalStateException("HDF5 is never streamed");
    }
  }

  private void readVecsHeader() throws IOException {
    if (!in.fill(1)) {
      count = 0; // an empty file holds no vectors
      return;
    }
    if (!in.fill(4)) {
      throw corrupt(0, 0, "file ends inside the first dimension field");
    }
    dim = in.getInt();
    if (dim <= 0 || dim > MAX_DIMENSION) {
      throw corrupt(0, 0, "impossible dimension " + dim + " (allowed 1.." + MAX_DIMENSION + ")");
    }
    prefixPending = true;
    if (compressed) {
      return;
    }
    long recordBytes = 4 + (long) dim * type.bytes;
    if (fileSize % recordBytes != 0) {
      throw locateVecsDamage(recordBytes);
    }
    count = fileSize / recordBytes;
  }

  // The size is off: walk the dimension fields to report the first bad record precisely.
  private CorruptFileException locateVecsDamage(long recordBytes) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      long record = 0;
      for (long offset = 0; ; offset += recordBytes, record++) {
        if (offset + 4 > fileSize) {
          return corrupt(record, offset, "file ends inside the dimension field");
        }
        b.clear();
        while (b.hasRemaining()) {
          ch.read(b, offset + b.position());
        }
        int d = b.getInt(0);
        if (d != dim) {
          return corrupt(
              record, offset, "dimension " + d + " differs from the first record's " + dim);
        }
        if (offset + recordBytes > fileSize) {
          long got = (fileSize - offset - 4) / type.bytes;
          return corrupt(
              record, offset, "truncated: file ends after " + got + " of " + dim + " components");
        }
      }
    }
  }

  private void readBinHeader() throws IOException {
    if (!in.fill(8)) {
      throw corrupt(-1, 0, "file is shorter than the 8-byte header (int32 count, int32 dim)");
    }
    int n = in.getInt();
    int d = in.getInt();
    if (n < 0) {
      throw corrupt(-1, 0, "negative vector count " + n);
    }
    setShape(n, d, 8);
  }

  private void readIdxHeader() throws IOException {
    if (!in.fill(4)) {
      throw corrupt(-1, 0, "file is shorter than the 4-byte IDX magic");
    }
    int magic = in.getInt();
    int rank = magic & 0xFF;
    if ((magic >>> 16) != 0 || rank < 1 || rank > 8) {
      throw corrupt(-1, 0, String.format("not an IDX file: bad magic 0x%08x", magic));
    }
    if ((magic >>> 8 & 0xFF) != 0x08) {
      throw corrupt(
          -1,
          0,
          String.format(
              "IDX element type 0x%02x is not supported (only 0x08, unsigned byte)",
              magic >>> 8 & 0xFF));
    }
    if (!in.fill(4 * rank)) {
      throw corrupt(-1, 4, "file ends inside the IDX dimension sizes");
    }
    long n = 0;
    long items = 1;
    for (int i = 0; i < rank; i++) {
      int size = in.getInt();
      if (size < 0) {
        throw corrupt(-1, 4 + 4L * i, "negative IDX size " + size + " on axis " + i);
      }
      if (i == 0) {
        n = size;
      } else {
        items *= size;
        if (items > MAX_DIMENSION) {
          throw corrupt(-1, 4 + 4L * i, "IDX item size exceeds " + MAX_DIMENSION + " values");
        }
      }
    }
    setShape(n, (int) items, 4 + 4L * rank);
  }

  // Checks a header's count and dimension, and that the data fits the file exactly.
  private void setShape(long n, long d, long dataOffset) throws CorruptFileException {
    if (d < 0 || d > MAX_DIMENSION || (d == 0 && n != 0)) {
      throw corrupt(-1, 0, "impossible dimension " + d + " (allowed 1.." + MAX_DIMENSION + ")");
    }
    long recordSize = d * type.bytes;
    if (recordSize > 0 && n > (Long.MAX_VALUE / 4) / recordSize) {
      throw corrupt(-1, 0, "impossible vector count " + n + " for dimension " + d);
    }
    if (!compressed) {
      long expected = dataOffset + n * recordSize;
      if (expected != fileSize) {
        long recordBytes = Math.max(1, recordSize);
        long complete = Math.max(0, (fileSize - dataOffset) / recordBytes);
        throw corrupt(
            complete < n ? complete : -1,
            complete < n ? dataOffset + complete * recordBytes : 0,
            "header declares "
                + n
                + " vectors of dimension "
                + d
                + " ("
                + type.label
                + "), which needs "
                + expected
                + " bytes, but the file has "
                + fileSize
                + (expected > fileSize ? " (truncated)" : " (trailing bytes)"));
      }
    }
    count = n;
    dim = (int) d;
  }

  /** {@return the file this reader reads} */
  public Path path() {
    return path;
  }

  /** {@return the file's format} */
  public VectorFormat format() {
    return format;
  }

  /** {@return whether the file is gzip-compressed} */
  public boolean compressed() {
    return compressed;
  }

  /**
   * {@return components per vector; 0 for a file with no vectors and no header saying otherwise}
   */
  public int dimension() {
    return dim;
  }

  /**
   * {@return the number of vectors, from the header or the file size; -1 when unknown (a
   * compressed file of a format without a count in its header)}
   */
  public long count() {
    return count;
  }

  /** {@return how many vectors {@link #next} and {@link #nextInts} have returned so far} */
  public long recordsRead() {
    return index;
  }

  /** {@return whether the components are integers, so that {@link #nextInts} may be used} */
  public boolean holdsIntegers() {
    return type.integral();
  }

  /**
   * Reads the next vector into the first {@link #dimension()} slots of {@code into}; integer
   * components are converted to float.
   *
   * @param into where the components go; at least {@link #dimension()} long
   * @return true if a vector was read, false at the end of the file
   * @throws IOException if the file cannot be read
   * @throws CorruptFileException if the record is truncated or inconsistent
   * @throws IllegalArgumentException if {@code into} is shorter than the dimension
   */
  public boolean next(float[] into) throws IOException {
    checkLength(into.length);
    long start = in.position();
    try {
      if (!beginRecord(start)) {
        return false;
      }
      finishRecord(start, in.readFloats(type, into, dim));
    } catch (ZipException | EOFException e) {
      throw corrupt(index, start, "damaged gzip stream: " + e.getMessage());
    }
    return true;
  }

  /**
   * Reads the next vector of an integer file (ivecs, ibin, bvecs, u8bin, IDX, int or uint8 npy).
   *
   * @param into where the components go; at least {@link #dimension()} long
   * @return true if a vector was read, false at the end of the file
   * @throws IOException if the file cannot be read, or the record is truncated or inconsistent
   * @throws IllegalStateException if the file holds floats
   */
  public boolean nextInts(int[] into) throws IOException {
    if (!type.integral()) {
      throw new IllegalStateException(path + " holds float32 components; use next(float[])");
    }
    checkLength(into.length);
    long start = in.position();
    try {
      if (!beginRecord(start)) {
        return false;
      }
      finishRecord(start, in.readInts(type, into, dim));
    } catch (ZipException | EOFException e) {
      throw corrupt(index, start, "damaged gzip stream: " + e.getMessage());
    }
    return true;
  }

  private void checkLength(int length) {
    if (length < dim) {
      throw new IllegalArgumentException(
          "array of length " + length + " cannot hold a vector of dimension " + dim);
    }
  }

  // Returns false at a clean end of data; reads and checks a vecs record's dimension prefix.
  private boolean beginRecord(long start) throws IOException {
    if (count >= 0 && index >= count) {
      return false;
    }
    if (!prefixed) {
      return true; // header formats: the count says when to stop
    }
    if (prefixPending) {
      prefixPending = false;
      return true;
    }
    if (!in.fill(1)) {
      return false; // only reachable when the count is unknown
    }
    if (!in.fill(4)) {
      throw corrupt(index, start, "file ends inside the dimension field");
    }
    int d = in.getInt();
    if (d != dim) {
      throw corrupt(index, start, "dimension " + d + " differs from the first record's " + dim);
    }
    return true;
  }

  private void finishRecord(long start, int got) throws CorruptFileException {
    if (got < dim) {
      throw corrupt(
          index,
          start,
          "truncated: file ends after "
              + got
              + " of "
              + dim
              + " components"
              + (count >= 0 ? " (header declares " + count + " vectors)" : ""));
    }
    index++;
  }

  private CorruptFileException corrupt(long record, long offset, String problem) {
    String what = compressed ? format.extension() + ".gz" : format.extension();
    return new CorruptFileException(path, record, offset, "[" + what + "] " + problem);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
