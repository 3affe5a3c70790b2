package io.hnsw4j.format;

import io.hnsw4j.graph.GraphView;
import io.hnsw4j.graph.Renumbering;
import io.hnsw4j.internal.Limits;
import io.hnsw4j.vector.BitCodes;
import io.hnsw4j.vector.CentredCodes;
import io.hnsw4j.vector.Int4Codes;
import io.hnsw4j.vector.Int8Codes;
import io.hnsw4j.vector.TraversalSpace;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Section 8 of a version-2 file: the records of a quantized index's traversal space (layout on
 * {@link FileHeader}), so that an open copies them instead of encoding every vector again, and
 * for codes around a centroid (1-bit, 4-bit) the centroid after them. The records carry their own
 * CRC32C, and so does the centroid, checked by both ways of opening: a memory-mapped open reads
 * every record anyway (it copies them onto the heap), so damage to them is caught without the
 * whole file's checksum.
 */
final class TraversalSection {
  /** Record format, record bytes and node count before the records. */
  static final int PREFIX_BYTES = 12;
  /** The prefix and the CRC after the records: the length of a section of no records. */
  static final int FRAME_BYTES = PREFIX_BYTES + 4;
  /** A centroid's version, component count and CRC around its floats. */
  static final int CENTROID_FRAME_BYTES = 12;
  /** The one centroid version this library writes and reads: the centroid the records are of. */
  static final int CENTROID_VERSION = 1;
  private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfFloat LE_FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private TraversalSection() {}

  /**
   * The centroid a save stores after {@code space}'s records: null for records that have none
   * (int8), empty for centred codes that have not fixed one yet (nothing encoded).
   */
  static float[] centroidOf(TraversalSpace space) {
    if (!(space instanceof CentredCodes centred)) {
      return null;
    }
    float[] c = centred.centroid();
    return c == null ? new float[0] : c;
  }

  /** The section's length for {@code nodes} records of {@code space}'s and {@code centroid}. */
  static long length(TraversalSpace space, int nodes, float[] centroid) {
    long records = FRAME_BYTES + (long) nodes * space.recordBytes();
    return centroid == null ? records : records + CENTROID_FRAME_BYTES + 4L * centroid.length;
  }

  /**
   * Writes the records of {@code graph}'s nodes, a view under {@code order} of {@code space}'s,
   * then {@code centroid} if not null.
   */
  static void write(
      ChecksummedChannel out, FileHeader h, TraversalSpace space, float[] centroid, GraphView graph, Renumbering order)
      throws IOException {
    out.padTo(h.sectionOffset(FileHeader.SECTION_CODES));
    int nodes = h.nodeCount();
    out.putInt(space.recordFormat());
    out.putInt(space.recordBytes());
    out.putInt(nodes);
    byte[] record = new byte[space.recordBytes()];
    CRC32C crc = new CRC32C();
    for (int node = 0; node < nodes; node++) {
      if (graph.isFree(node)) {
        Arrays.fill(record, (byte) 0); // nothing to keep: a later add encodes the slot anew
      } else {
        space.exportRecord(order.oldOf(node), record, 0);
      }
      crc.update(record);
      out.put(ByteBuffer.wrap(record));
    }
    out.putInt((int) crc.getValue());
    if (centroid != null) {
      ByteBuffer block = ByteBuffer.allocate(8 + 4 * centroid.length).order(ByteOrder.LITTLE_ENDIAN);
      block.putInt(CENTROID_VERSION).putInt(centroid.length);
      for (float x : centroid) {
        block.putFloat(x);
      }
      crc.reset();
      crc.update(block.array());
      out.put(block.flip());
      out.putInt((int) crc.getValue());
    }
  }

  /** The records streamed from a heap read, into memory the result frees; null without them. */
  static TraversalRecords read(Path file, ChecksummedChannel in, FileHeader h) throws IOException {
    if (!h.hasCodes()) {
      return null;
    }
    in.skipTo(h.sectionOffset(FileHeader.SECTION_CODES));
    int format = in.getInt();
    int recordBytes = in.getInt();
    long bytes = recordsLength(file, h, recordBytes, in.getInt());
    int tail = (int) (h.sectionLength(FileHeader.SECTION_CODES) - FRAME_BYTES - bytes);
    Arena arena = Arena.ofConfined();
    try {
      MemorySegment records = arena.allocate(Math.max(bytes, 1)).asSlice(0, bytes);
      in.getBytes(records);
      checkCrc(file, records, in.getInt());
      MemorySegment after = MemorySegment.ofArray(new byte[tail]);
      in.getBytes(after);
      Centroid centroid = tail == 0 ? null : centroid(file, h, after);
      return new TraversalRecords(file, checkFormat(file, format, centroid), recordBytes, records, arena, centroid);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  /** The records of a mapped file, read in place (the centroid copied); null without them. */
  static TraversalRecords read(Path file, MemorySegment all, FileHeader h) throws FormatException {
    if (!h.hasCodes()) {
      return null;
    }
    MemorySegment section = h.section(all, FileHeader.SECTION_CODES);
    int recordBytes = section.get(LE_INT, 4);
    long bytes = recordsLength(file, h, recordBytes, section.get(LE_INT, 8));
    MemorySegment records = section.asSlice(PREFIX_BYTES, bytes);
    checkCrc(file, records, section.get(LE_INT, PREFIX_BYTES + bytes));
    MemorySegment after = section.asSlice(FRAME_BYTES + bytes);
    Centroid centroid = after.byteSize() == 0 ? null : centroid(file, h, after);
    return new TraversalRecords(
        file, checkFormat(file, section.get(LE_INT, 0), centroid), recordBytes, records, null, centroid);
  }

  /**
   * The records' length, after checking the prefix against the node count and the section's
   * length from the header (which fits the file): before anything is allocated. What follows
   * the records' CRC is nothing or a centroid: its frame and at most one float per dimension the
   * library allows.
   */
  private static long recordsLength(Path file, FileHeader h, int recordBytes, int nodes) throws FormatException {
    long length = h.sectionLength(FileHeader.SECTION_CODES);
    long tail = length - FRAME_BYTES - (long) nodes * Math.max(recordBytes, 0);
    if (nodes != h.nodeCount() || recordBytes < 1
        || (tail != 0 && (tail < CENTROID_FRAME_BYTES || tail > CENTROID_FRAME_BYTES + 4L * Limits.MAX_DIMENSION))) {
      throw new FormatException(
          file, "the traversal records section of " + length + " bytes cannot hold " + nodes + " records of "
              + recordBytes + " bytes for " + h.nodeCount() + " nodes");
    }
    return length - FRAME_BYTES - tail;
  }

  /**
   * The centroid that fills {@code block} (the bytes after the records' CRC), its CRC checked,
   * and in the version this library writes its values: no components (nothing encoded yet) or
   * one per dimension, all finite. One of another version is passed on unread: the records it
   * comes with are computed again.
   */
  private static Centroid centroid(Path file, FileHeader h, MemorySegment block) throws FormatException {
    int version = block.get(LE_INT, 0);
    int count = block.get(LE_INT, 4);
    if (count < 0 || CENTROID_FRAME_BYTES + 4L * count != block.byteSize()) {
      throw new FormatException(
          file, "the traversal centroid of " + count + " components does not fill the " + block.byteSize()
              + " bytes after the records (truncated or damaged)");
    }
    CRC32C crc = new CRC32C();
    crc.update(block.asSlice(0, 8 + 4L * count).asByteBuffer());
    if ((int) crc.getValue() != block.get(LE_INT, 8 + 4L * count)) {
      throw new FormatException(file, "the traversal centroid is damaged (checksum mismatch)");
    }
    float[] values = new float[count];
    MemorySegment.copy(block, LE_FLOAT, 8, values, 0, count);
    if (version != CENTROID_VERSION) {
      return new Centroid(version, values);
    }
    int dimension = h.config().dimension();
    if (count != 0 && count != dimension) {
      throw new FormatException(
          file, "the traversal centroid has " + count + " components, the dimension is " + dimension);
    }
    for (int i = 0; i < count; i++) {
      if (!Float.isFinite(values[i])) {
        throw new FormatException(file, "the traversal centroid holds " + values[i] + " at component " + i);
      }
    }
    return new Centroid(version, values);
  }

  /**
   * The record format, after checking that the records have a centroid exactly when their
   * format is one of codes around a centroid; a format this library does not know may have
   * either (its records are computed again).
   */
  private static int checkFormat(Path file, int format, Centroid centroid) throws FormatException {
    boolean centred = format == BitCodes.RECORD_FORMAT || format == Int4Codes.RECORD_FORMAT;
    if (centred && centroid == null) {
      throw new FormatException(
          file, "the traversal records of format " + format + " have no centroid after them (truncated or damaged)");
    }
    if (format == Int8Codes.RECORD_FORMAT && centroid != null) {
      throw new FormatException(file, "the traversal records of format " + format + " (int8) have a centroid after them");
    }
    return format;
  }

  private static void checkCrc(Path file, MemorySegment records, int expected) throws FormatException {
    CRC32C crc = new CRC32C();
    for (long at = 0; at < records.byteSize(); at += 1 << 30) {
      crc.update(records.asSlice(at, Math.min(1L << 30, records.byteSize() - at)).asByteBuffer());
    }
    if ((int) crc.getValue() != expected) {
      throw new FormatException(file, "the traversal records are damaged (checksum mismatch)");
    }
  }

  /**
   * The centroid stored after the records.
   *
   * @param version {@link #CENTROID_VERSION}, or one this library does not know
   * @param values its components: none (nothing was encoded) or one per dimension
   */
  record Centroid(int version, float[] values) {}
}
