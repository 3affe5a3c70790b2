package io.hnsw4j.datasets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The header of a NumPy {@code .npy} file: only 2-D, C-order arrays of 4-byte or 1-byte items. */
record NpyHeader(ElementType type, long rows, int cols, long dataOffset) {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  // NumPy itself refuses headers above 10 kB by default; this is a generous cap before allocating.
  private static final int MAX_HEADER_BYTES = 1 << 20;
  private static final Pattern DESCR =
      Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
  private static final Pattern FORTRAN =
      Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

  /** Parses the header at the start of {@code in}; fileSize is -1 when unknown (compressed). */
  static NpyHeader read(BlockInput in, Path file, long fileSize) throws IOException {
    if (!in.fill(10)) {
      throw bad(file, 0, "file is shorter than the 10-byte npy preamble");
    }
    byte[] magic = new byte[6];
    for (int i = 0; i < 6; i++) {
      magic[i] = in.getByte();
    }
    if (!Arrays.equals(magic, MAGIC)) {
      throw bad(file, 0, "not a NumPy file: missing the \\x93NUMPY magic");
    }
    int major = in.getByte() & 0xFF;
    int minor = in.getByte() & 0xFF;
    long headerLen;
    if (major == 1) {
      headerLen = (in.getByte() & 0xFF) | (in.getByte() & 0xFF) << 8;
    } else if (major == 2 || major == 3) {
      if (!in.fill(4)) {
        throw bad(file, 8, "file ends inside the npy header length");
      }
      headerLen = Integer.toUnsignedLong(in.getInt()); // buffer is little-endian
    } else {
      throw bad(file, 6, "unsupported npy format version " + major + "." + minor);
    }
    long start = in.position();
    if (headerLen > MAX_HEADER_BYTES || (fileSize >= 0 && start + headerLen > fileSize)) {
      throw bad(file, 8, "npy header length " + headerLen + " is impossible for this file");
    }
    byte[] raw = new byte[(int) headerLen];
    if (in.readBytes(raw, raw.length) < raw.length) {
      throw bad(file, start, "file ends inside the npy header");
    }
    String dict =
        new String(raw, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    return parse(dict.strip(), file, start, start + headerLen);
  }

  private static NpyHeader parse(String dict, Path file, long at, long dataOffset)
      throws CorruptFileException {
    if (!dict.startsWith("{") || !dict.endsWith("}")) {
      throw bad(file, at, "npy header is not a dictionary: " + abbreviate(dict));
    }
    Matcher descr = DESCR.matcher(dict);
    Matcher fortran = FORTRAN.matcher(dict);
    Matcher shape = SHAPE.matcher(dict);
    if (!descr.find() || !fortran.find() || !shape.find()) {
      throw bad(file, at, "npy header lacks descr, fortran_order or shape: " + abbreviate(dict));
    }
    ElementType type =
        switch (descr.group(1)) {
          case "<f4" -> ElementType.FLOAT32;
          case "<i4" -> ElementType.INT32;
          case "|u1", "<u1", ">u1" -> ElementType.UINT8;
          default ->
              throw bad(
                  file,
                  at,
                  "unsupported npy dtype '" + descr.group(1) + "'; supported: '<f4', '<i4', '|u1'");
        };
    if (fortran.group(1).equals("True")) {
      throw bad(file, at, "fortran_order True is not supported; save a C-order array");
    }
    String[] dims = shape.group(1).split(",", -1);
    long[] parsed = new long[2];
    int n = 0;
    for (String d : dims) {
      String t = d.strip();
      if (t.endsWith("L")) {
        t = t.substring(0, t.length() - 1); // Python 2 long literals
      }
      if (t.isEmpty()) {
        continue;
      }
      if (n == 2 || !t.matches("\\d{1,18}")) {
        throw bad(file, at, "npy shape (" + shape.group(1) + ") is not a 2-D shape (n, dim)");
      }
      parsed[n++] = Long.parseLong(t);
    }
    if (n != 2) {
      throw bad(file, at, "npy shape (" + shape.group(1) + ") is not a 2-D shape (n, dim)");
    }
    long rows = parsed[0];
    long cols = parsed[1];
    if (cols > VectorReader.MAX_DIMENSION || (cols == 0 && rows != 0)) {
      throw bad(file, at, "npy shape (" + shape.group(1) + ") has an impossible dimension");
    }
    return new NpyHeader(type, rows, (int) cols, dataOffset);
  }

  /** A version 1.0 header (2.0 if it would not fit), padded so the data starts 64-byte aligned. */
  static byte[] encode(ElementType type, long rows, int cols) {
    String descr =
        switch (type) {
          case FLOAT32 -> "<f4";
          case INT32 -> "<i4";
          case UINT8 -> "|u1";
        };
    String dict =
        "{'descr': '"
            + descr
            + "', 'fortran_order': False, 'shape': ("
            + rows
            + ", "
            + cols
            + "), }";
    int prefix = dict.length() + 1 < 65536 - 64 ? 10 : 12;
    int total = (prefix + dict.length() + 1 + 63) / 64 * 64;
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) (prefix == 10 ? 1 : 2)).put((byte) 0);
    if (prefix == 10) {
      b.putShort((short) (total - prefix));
    } else {
      b.putInt(total - prefix);
    }
    b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
    while (b.remaining() > 1) {
      b.put((byte) ' ');
    }
    b.put((byte) '\n');
    return b.array();
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }

  private static CorruptFileException bad(Path file, long offset, String problem) {
    return new CorruptFileException(file, -1, offset, problem);
  }
}
