package io.hnsw4j.datasets;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** Little-endian writes through one large buffer; gzip-compresses when the name ends in .gz. */
final class BlockOutput implements Closeable {
  private final WritableByteChannel channel;
  private final ByteBuffer buf =
      ByteBuffer.allocate(BlockInput.BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);

  BlockOutput(Path path) throws IOException {
    WritableByteChannel ch =
        Files.newByteChannel(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    Path name = path.getFileName();
    if (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      ch = Channels.newChannel(new GZIPOutputStream(Channels.newOutputStream(ch), 1 << 16));
    }
    this.channel = ch;
  }

  private void room(int bytes) throws IOException {
    if (buf.remaining() < bytes) {
      flush();
    }
  }

  private void flush() throws IOException {
    buf.flip();
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    buf.clear();
  }

  void putInt(int v) throws IOException {
    room(4);
    buf.putInt(v);
  }

  void putBytes(byte[] b) throws IOException {
    int done = 0;
    while (done < b.length) {
      room(1);
      int k = Math.min(buf.remaining(), b.length - done);
      buf.put(b, done, k);
      done += k;
    }
  }

  void putFloats(float[] v) throws IOException {
    int done = 0;
    while (done < v.length) {
      room(4);
      int k = Math.min(buf.remaining() / 4, v.length - done);
      buf.asFloatBuffer().put(v, done, k);
      buf.position(buf.position() + 4 * k);
      done += k;
    }
  }

  void putInts(int[] v) throws IOException {
    int done = 0;
    while (done < v.length) {
      room(4);
      int k = Math.min(buf.remaining() / 4, v.length - done);
      buf.asIntBuffer().put(v, done, k);
      buf.position(buf.position() + 4 * k);
      done += k;
    }
  }

  /** Writes values already checked to be whole numbers in 0..255. */
  void putUint8(float[] v) throws IOException {
    int done = 0;
    while (done < v.length) {
      room(1);
      int k = Math.min(buf.remaining(), v.length - done);
      for (int i = 0; i < k; i++) {
        buf.put((byte) (int) v[done + i]);
      }
      done += k;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      channel.close();
    }
  }
}
