package io.hnsw4j.format;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * Section 7 of a version-2 file: the rows of a funnel's PCA rotation. Read into a float array
 * both ways of opening (prefix copies are computed from it), and checked both ways, so a
 * damaged rotation is refused even when a memory-mapped open skips the checksum: every value
 * finite, every row of unit length.
 */
final class RotationSection {
  /** How far a row's squared length may stray from 1 (float rows of a double eigensolver). */
  static final double NORM_TOLERANCE = 1e-3;

  private RotationSection() {}

  /** The rotation streamed from a heap read, or null when the file has none. */
  static float[] read(Path file, ChecksummedChannel in, FileHeader h) throws IOException {
    int floats = floats(h);
    if (floats == 0) {
      return null;
    }
    in.skipTo(h.sectionOffset(FileHeader.SECTION_ROTATION));
    float[] rows = new float[floats];
    in.getFloats(rows, 0, floats);
    check(file, rows, h.config().dimension());
    return rows;
  }

  /** The rotation of a mapped file, or null when the file has none. */
  static float[] read(Path file, MemorySegment all, FileHeader h) throws FormatException {
    int floats = floats(h);
    if (floats == 0) {
      return null;
    }
    MemorySegment section = h.section(all, FileHeader.SECTION_ROTATION);
    float[] rows = new float[floats];
    MemorySegment.copy(section, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 0, rows, 0, floats);
    check(file, rows, h.config().dimension());
    return rows;
  }

  private static int floats(FileHeader h) {
    return h.version() < 2 ? 0 : h.config().rotationRows() * h.config().dimension();
  }

  static void check(Path file, float[] rows, int dimension) throws FormatException {
    for (int row = 0; row < rows.length / dimension; row++) {
      double squares = 0;
      for (int k = row * dimension; k < (row + 1) * dimension; k++) {
        if (!Float.isFinite(rows[k])) {
          throw new FormatException(file, "the funnel rotation holds " + rows[k] + " in row " + row);
        }
        squares += (double) rows[k] * rows[k];
      }
      if (Math.abs(squares - 1) > NORM_TOLERANCE) {
        throw new FormatException(
            file, "the funnel rotation's row " + row + " has squared length " + squares + ", not 1");
      }
    }
  }
}
