package io.hnsw4j.store.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads one segment of the log and tells a torn tail from corruption. A crash can leave the last
 * records of the last segment cut short or half written; nothing valid can follow them, so the
 * reader stops there and reports where the good records end. A bad record with a valid record
 * after it, a bad record in an earlier segment, or a sequence number out of order is corruption:
 * {@link WalCorruptException} names the file and offset.
 */
final class WalReader {
  /** Receives each good record, in order. */
  interface Sink {
    void record(long seq, byte[] body) throws IOException;
  }

  /**
   * Where the good records of a segment end.
   *
   * @param end offset just past the last good record (0 when even the header is torn)
   * @param lastSeq sequence number of the last good record (firstSeq - 1 when there is none)
   * @param torn whether bytes after {@code end} were cut off as a torn tail
   */
  record Result(long end, long lastSeq, boolean torn) {}

  private WalReader() {}

  /**
   * Reads a segment. {@code expectedFirst} is the sequence number its first record must have (or
   * -1 if any); {@code last} says whether a torn tail may be cut here.
   */
  static Result read(Path file, long expectedFirst, boolean last, Sink sink) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < WalRecords.SEGMENT_HEADER) {
      if (last) {
        return new Result(0, expectedFirst - 1, true);
      }
      throw new WalCorruptException(file, 0, "segment header is truncated (" + bytes.length + " bytes)");
    }
    if (!Arrays.equals(Arrays.copyOf(bytes, 8), WalRecords.MAGIC)) {
      throw new WalCorruptException(file, 0, "not a write-ahead log segment (bad magic)");
    }
    long seq = b.getLong(8);
    if (expectedFirst >= 0 && seq != expectedFirst) {
      throw new WalCorruptException(file, 8, "segment starts at sequence " + seq + ", expected " + expectedFirst);
    }
    int off = WalRecords.SEGMENT_HEADER;
    while (off < bytes.length) {
      String problem = check(b, bytes, off, seq);
      if (problem != null) {
        if (last && !validRecordAfter(b, bytes, off + 1, seq)) {
          return new Result(off, seq - 1, true);
        }
        throw new WalCorruptException(file, off, problem + (last ? "; valid records follow it, so it is not a torn tail" : ""));
      }
      int length = b.getInt(off);
      long recordSeq = b.getLong(off + 8);
      if (recordSeq != seq) {
        throw new WalCorruptException(file, off, "record has sequence " + recordSeq + ", expected " + seq);
      }
      sink.record(seq, Arrays.copyOfRange(bytes, off + WalRecords.RECORD_HEADER, off + WalRecords.RECORD_HEADER + length));
      off += WalRecords.RECORD_HEADER + length;
      seq++;
    }
    return new Result(off, seq - 1, false);
  }

  /** Null if a well-formed record with a good checksum starts at {@code off}; else what is wrong. */
  private static String check(ByteBuffer b, byte[] bytes, int off, long expectedSeq) {
    if (bytes.length - off < WalRecords.RECORD_HEADER) {
      return "record header is truncated";
    }
    int length = b.getInt(off);
    if (length < 0 || (long) off + WalRecords.RECORD_HEADER + length > bytes.length) {
      return "record length " + length + " runs past the end of the file";
    }
    if (WalRecords.crc(bytes, off + 8, 8 + length) != b.getInt(off + 4)) {
      return "record checksum mismatch (sequence field reads " + b.getLong(off + 8) + ", expected " + expectedSeq + ")";
    }
    return null;
  }

  /** Whether a good record with a plausible sequence number starts anywhere at or after {@code from}. */
  private static boolean validRecordAfter(ByteBuffer b, byte[] bytes, int from, long expectedSeq) {
    for (int p = from; p + WalRecords.RECORD_HEADER <= bytes.length; p++) {
      long s = b.getLong(p + 8);
      if (s >= expectedSeq && s - expectedSeq < (1L << 24) && check(b, bytes, p, s) == null) {
        return true;
      }
    }
    return false;
  }
}
