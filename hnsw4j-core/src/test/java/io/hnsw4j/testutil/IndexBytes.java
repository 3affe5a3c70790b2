package io.hnsw4j.testutil;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The bytes of an index file, for tests that damage it on purpose: the header's fields and
 * section table (format versions 1 and 2, see {@code io.hnsw4j.format.FileHeader}) and the two checksums,
 * recomputed so that the damage passes them.
 */
public final class IndexBytes {
  public static final int SECTION_VECTORS = 1;
  public static final int SECTION_NODE_INFO = 2;
  public static final int SECTION_LEVEL0 = 3;
  public static final int SECTION_UPPER = 4;
  public static final int SECTION_IDS = 5;
  public static final int SECTION_ID_TABLE = 6;
  public static final int SECTION_ROTATION = 7;
  public static final int SECTION_CODES = 8;
  /** Byte offset of the custom metric name length. */
  public static final int NAME_LENGTH_OFFSET = 92;
  private static final int FOOTER_LENGTH = 16;

  private final byte[] bytes;
  private final ByteBuffer view;

  public IndexBytes(byte[] bytes) {
    this.bytes = bytes;
    this.view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  public byte[] bytes() {
    return bytes;
  }

  public int getInt(long at) {
    return view.getInt((int) at);
  }

  public IndexBytes putInt(long at, int value) {
    view.putInt((int) at, value);
    return this;
  }

  public IndexBytes putFloat(long at, float value) {
    view.putFloat((int) at, value);
    return this;
  }

  public IndexBytes putLong(long at, long value) {
    view.putLong((int) at, value);
    return this;
  }

  /** Header length H: the header's CRC sits at H - 4. */
  public int headerLength() {
    return getInt(12);
  }

  /** Where the section table's entry of section {@code id} starts. */
  public int sectionEntry(int id) {
    return funnelOffset() + funnelBytes() + 4 + (id - 1) * 24;
  }

  /** Where a version-2 header's funnel fields start (the prefix count). */
  public int funnelOffset() {
    int nameLength = getInt(NAME_LENGTH_OFFSET);
    return 96 + ((nameLength + 3) & ~3);
  }

  /** Bytes of the funnel fields: none in version 1. */
  private int funnelBytes() {
    return getInt(8) >= 2 ? 8 + 4 * getInt(funnelOffset()) : 0;
  }

  /** The section count S before the table. */
  public int sectionCount() {
    return getInt(sectionEntry(1) - 4);
  }

  public long sectionOffset(int id) {
    return view.getLong(sectionEntry(id) + 8);
  }

  public long sectionLength(int id) {
    return view.getLong(sectionEntry(id) + 16);
  }

  /** Recomputes the header's CRC over [0, H - 4), H being the header length as first written. */
  public IndexBytes resealHeader(int headerLength) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, headerLength - 4);
    return putInt(headerLength - 4, (int) crc.getValue());
  }

  /** Recomputes the footer's CRC over every byte before the footer. */
  public IndexBytes resealFooter() {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - FOOTER_LENGTH);
    return putInt(bytes.length - FOOTER_LENGTH, (int) crc.getValue());
  }

  /** Recomputes the CRC after the traversal records of section 8, from their stated size and count. */
  public IndexBytes resealRecords() {
    long offset = sectionOffset(SECTION_CODES);
    int records = recordsLength();
    CRC32C crc = new CRC32C();
    crc.update(bytes, (int) offset + 12, records);
    return putInt(offset + 12 + records, (int) crc.getValue());
  }

  /** Bytes of the traversal records: record bytes times node count, from section 8's prefix. */
  public int recordsLength() {
    long offset = sectionOffset(SECTION_CODES);
    return getInt(offset + 4) * getInt(offset + 8);
  }

  /** Where the centroid after the traversal records starts (its version). */
  public long centroidOffset() {
    return sectionOffset(SECTION_CODES) + 16 + recordsLength();
  }

  /** Recomputes the centroid's CRC, from its stated component count. */
  public IndexBytes resealCentroid() {
    long at = centroidOffset();
    int covered = 8 + 4 * getInt(at + 4);
    CRC32C crc = new CRC32C();
    crc.update(bytes, (int) at, covered);
    return putInt(at + covered, (int) crc.getValue());
  }

  /** Both checksums, so that the file looks sound to any check but the structure's. */
  public IndexBytes reseal(int headerLength) {
    return resealHeader(headerLength).resealFooter();
  }
}
