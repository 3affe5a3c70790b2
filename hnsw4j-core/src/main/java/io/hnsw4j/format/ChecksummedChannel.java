package io.hnsw4j.format;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Sequential, buffered access to an index file that keeps a running CRC32C of every byte that
 * passes, in either direction. Values are little-endian.
 */
final class ChecksummedChannel {
  private static final int BUFFER_BYTES = 1 << 20;

  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private final boolean writing;
  private long position;

  private ChecksummedChannel(FileChannel channel, boolean writing) {
    this.channel = channel;
    this.writing = writing;
    if (!writing) {
      buffer.limit(0);
    }
  }

  static ChecksummedChannel forWriting(FileChannel channel) {
    return new ChecksummedChannel(channel, true);
  }

  static ChecksummedChannel forReading(FileChannel channel) {
    return new ChecksummedChannel(channel, false);
  }

  int checksum() {
    return (int) crc.getValue();
  }

  // ---- writing ----

  private ByteBuffer room(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      flush();
    }
    position += bytes;
    return buffer;
  }

  void putInt(int v) throws IOException {
    room(4).putInt(v);
  }

  void putLong(long v) throws IOException {
    room(8).putLong(v);
  }

  void putFloats(float[] src, int offset, int count) throws IOException {
    while (count > 0) {
      int n = Math.min(count, BUFFER_BYTES / 4);
      ByteBuffer b = room(n * 4);
      b.asFloatBuffer().put(src, offset, n);
      b.position(b.position() + n * 4);
      offset += n;
      count -= n;
    }
  }

  void put(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      int n = Math.min(bytes.remaining(), BUFFER_BYTES);
      ByteBuffer slice = bytes.slice().limit(n);
      room(n).put(slice);
      bytes.position(bytes.position() + n);
    }
  }

  /** Writes zeros up to {@code offset}. */
  void padTo(long offset) throws IOException {
    while (position < offset) {
      room(1).put((byte) 0);
    }
  }

  /** Writes out the buffer, folding it into the checksum. */
  void flush() throws IOException {
    buffer.flip();
    crc.update(buffer.duplicate());
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  // ---- reading ----

  /** Bytes of the file this reader may consume: reading stops before the footer. */
  private long readLimit = Long.MAX_VALUE;
  private long channelPosition;

  /** Reads never go past {@code end} (the checksum covers exactly [0, end)). */
  void limitReadsTo(long end) {
    readLimit = end;
  }

  private ByteBuffer need(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      int kept = buffer.remaining();
      buffer.compact();
      while (buffer.position() < bytes) {
        long allowed = readLimit - channelPosition;
        if (allowed <= 0) {
          throw new EOFException("file ends early at byte " + channelPosition);
        }
        buffer.limit((int) Math.min(buffer.capacity(), buffer.position() + allowed));
        int n = channel.read(buffer);
        if (n < 0) {
          throw new EOFException("file ends early at byte " + channelPosition);
        }
        channelPosition += n;
      }
      buffer.flip();
      // Checksum only the bytes that just arrived.
      ByteBuffer fresh = buffer.duplicate();
      fresh.position(kept);
      crc.update(fresh);
    }
    position += bytes;
    return buffer;
  }

  int getInt() throws IOException {
    return need(4).getInt();
  }

  long getLong() throws IOException {
    return need(8).getLong();
  }

  /** Reads bulk floats (much faster than one at a time). */
  void getFloats(float[] dest, int offset, int count) throws IOException {
    while (count > 0) {
      int n = Math.min(count, BUFFER_BYTES / 4);
      ByteBuffer b = need(n * 4);
      b.asFloatBuffer().get(dest, offset, n);
      b.position(b.position() + n * 4);
      offset += n;
      count -= n;
    }
  }

  /** Reads bulk bytes into {@code dest}, all of it. */
  void getBytes(MemorySegment dest) throws IOException {
    for (long done = 0; done < dest.byteSize(); ) {
      int n = (int) Math.min(dest.byteSize() - done, BUFFER_BYTES);
      ByteBuffer b = need(n);
      MemorySegment.copy(MemorySegment.ofBuffer(b), 0, dest, done, n);
      b.position(b.position() + n);
      done += n;
    }
  }

  /** Reads and checksums bytes up to {@code offset}. */
  void skipTo(long offset) throws IOException {
    while (position < offset) {
      need(1).get();
    }
  }

  /** Marks the first {@code bytes} already read by the caller (the header) as consumed. */
  void startAfter(byte[] header) {
    crc.update(header);
    position = header.length;
    channelPosition = header.length;
  }
}
