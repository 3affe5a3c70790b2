package io.hnsw4j.format;

import io.hnsw4j.graph.GraphView;
import io.hnsw4j.graph.Renumbering;
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
 * {@link FileHeader}), so that an open copies them instead of encoding every vector again. The
 * records carry their own CRC32C, checked by both ways of opening: a memory-mapped open reads
 * every record anyway (it copies them onto the heap), so damage to them is caught without the
 * whole file's checksum.
 */
final class TraversalSection {
  /** Record format, record bytes and node count before the records. */
  static final int PREFIX_BYTES = 12;
  /** The prefix and the CRC after the records: the length of a section of no records. */
  static final int FRAME_BYTES = PREFIX_BYTES + 4;
  private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private TraversalSection() {}

  /** The section's length for {@code nodes} records of {@code space}'s. */
  static long length(TraversalSpace space, int nodes) {
    return FRAME_BYTES + (long) nodes * space.recordBytes();
  }

  /** Writes the records of {@code graph}'s nodes, a view under {@code order} of {@code space}'s. */
  static void write(ChecksummedChannel out, FileHeader h, TraversalSpace space, GraphView graph, Renumbering order)
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
    Arena arena = Arena.ofConfined();
    try {
      MemorySegment records = arena.allocate(Math.max(bytes, 1)).asSlice(0, bytes);
      in.getBytes(records);
      checkCrc(file, records, in.getInt());
      return new TraversalRecords(file, format, recordBytes, records, arena);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  /** The records of a mapped file, read in place; null without them. */
  static TraversalRecords read(Path file, MemorySegment all, FileHeader h) throws FormatException {
    if (!h.hasCodes()) {
      return null;
    }
    MemorySegment section = h.section(all, FileHeader.SECTION_CODES);
    int recordBytes = section.get(LE_INT, 4);
    long bytes = recordsLength(file, h, recordBytes, section.get(LE_INT, 8));
    MemorySegment records = section.asSlice(PREFIX_BYTES, bytes);
    checkCrc(file, records, section.get(LE_INT, PREFIX_BYTES + bytes));
    return new TraversalRecords(file, section.get(LE_INT, 0), recordBytes, records, null);
  }

  /**
   * The records' length, after checking the prefix against the node count and the section's
   * length from the header (which fits the file): before anything is allocated.
   */
  private static long recordsLength(Path file, FileHeader h, int recordBytes, int nodes) throws FormatException {
    long length = h.sectionLength(FileHeader.SECTION_CODES);
    if (nodes != h.nodeCount() || recordBytes < 1
        || FRAME_BYTES + (long) nodes * recordBytes != length) {
      throw new FormatException(
          file, "the traversal records section of " + length + " bytes cannot hold " + nodes + " records of "
              + recordBytes + " bytes for " + h.nodeCount() + " nodes");
    }
    return length - FRAME_BYTES;
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
}
