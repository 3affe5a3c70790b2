package io.hnsw4j.datasets;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads a channel through one large buffer so that components are decoded in bulk, never one stream
 * call per float. Tracks the byte offset for error messages.
 */
final class BlockInput implements Closeable {
  static final int BLOCK_BYTES = 1 << 20;

  private final ReadableByteChannel channel;
  private final ByteBuffer buf;
  private long filled;
  private boolean eof;

  BlockInput(ReadableByteChannel channel, ByteOrder order) {
    this.channel = channel;
    this.buf = ByteBuffer.allocate(BLOCK_BYTES).order(order);
    buf.flip(); // starts empty, in read mode
  }

  /** Byte offset of the next unread byte. */
  long position() {
    return filled - buf.remaining();
  }

  /**
   * Makes at least {@code n} bytes available (n at most the block size). Returns false when the
   * stream ends first; the bytes that were there stay readable.
   */
  boolean fill(int n) throws IOException {
    if (buf.remaining() >= n) {
      return true;
    }
    buf.compact();
    while (buf.position() < n && !eof) {
      int r = channel.read(buf);
      if (r < 0) {
        eof = true;
      } else {
        filled += r;
      }
    }
    buf.flip();
    return buf.remaining() >= n;
  }

  /** Bytes buffered and not yet read. */
  int buffered() {
    return buf.remaining();
  }

  /** Reads an int; call {@link #fill} first. */
  int getInt() {
    return buf.getInt();
  }

  /** Reads one byte; call {@link #fill} first. */
  byte getByte() {
    return buf.get();
  }

  /** Reads {@code len} raw bytes, or fewer when the stream ends; returns how many. */
  int readBytes(byte[] dst, int len) throws IOException {
    int done = 0;
    while (done < len && fill(1)) {
      int k = Math.min(buf.remaining(), len - done);
      buf.get(dst, done, k);
      done += k;
    }
    return done;
  }

  /** Reads up to {@code len} components as floats; returns how many before the stream ended. */
  int readFloats(ElementType type, float[] dst, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int avail = buf.remaining() / type.bytes;
      if (avail == 0) {
        if (!fill(type.bytes)) {
          break;
        }
        continue;
      }
      int k = Math.min(avail, len - done);
      int p = buf.position();
      switch (type) {
        case FLOAT32 -> buf.asFloatBuffer().get(dst, done, k);
        case INT32 -> {
          for (int i = 0; i < k; i++) {
            dst[done + i] = buf.getInt(p + 4 * i);
          }
        }
        case UINT8 -> {
          for (int i = 0; i < k; i++) {
            dst[done + i] = buf.get(p + i) & 0xFF;
          }
        }
      }
      buf.position(p + k * type.bytes);
      done += k;
    }
    return done;
  }

  /** Reads up to {@code len} integral components as ints; returns how many before the end. */
  int readInts(ElementType type, int[] dst, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int avail = buf.remaining() / type.bytes;
      if (avail == 0) {
        if (!fill(type.bytes)) {
          break;
        }
        continue;
      }
      int k = Math.min(avail, len - done);
      int p = buf.position();
      switch (type) {
        case INT32 -> buf.asIntBuffer().get(dst, done, k);
        case UINT8 -> {
          for (int i = 0; i < k; i++) {
            dst[done + i] = buf.get(p + i) & 0xFF;
          }
        }
        case FLOAT32 -> throw new IllegalStateException("float32 components are not integers");
      }
      buf.position(p + k * type.bytes);
      done += k;
    }
    return done;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
