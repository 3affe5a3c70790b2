package io.hnsw4j.store.wal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The byte layout of the log, little-endian. A segment starts with a 16-byte header: the magic
 * {@code "H4JWAL1\n"} and the sequence number of its first record. Records follow back to back:
 *
 * <pre>
 * offset size
 *   0     4   body length L
 *   4     4   CRC32C of bytes 8 .. 16 + L (the sequence number and the body)
 *   8     8   sequence number (each record one more than the one before, across segments)
 *  16     L   body (an encoded operation)
 * </pre>
 */
final class WalRecords {
  static final byte[] MAGIC = {'H', '4', 'J', 'W', 'A', 'L', '1', '\n'};
  static final int SEGMENT_HEADER = 16;
  static final int RECORD_HEADER = 16;

  private WalRecords() {}

  static ByteBuffer segmentHeader(long firstSeq) {
    ByteBuffer b = ByteBuffer.allocate(SEGMENT_HEADER).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putLong(firstSeq).flip();
    return b;
  }

  static ByteBuffer record(long seq, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(RECORD_HEADER + body.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(body.length).putInt(0).putLong(seq).put(body);
    b.putInt(4, crc(b.array(), 8, 8 + body.length));
    return b.flip();
  }

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
