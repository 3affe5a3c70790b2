package io.hnsw4j.cli.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimal readers for the TEXMEX and big-ann-benchmarks formats, used until the core's
 * {@code io.hnsw4j.io} readers are merged; {@link VectorFiles} is the only caller.
 */
final class LocalReaders {
  private LocalReaders() {}

  /** Reads up to {@code limit} rows (all if limit &lt; 0) as floats. */
  static float[][] readFloats(Path file, VectorFormat format, int limit) throws IOException {
    List<float[]> rows = new ArrayList<>();
    read(file, format, limit, (in, dim) -> {
      float[] row = new float[dim];
      for (int i = 0; i < dim; i++) {
        row[i] = switch (format) {
          case FVECS, FBIN -> in.getFloat();
          case IVECS, IBIN -> in.getInt();
          default -> in.getByte() & 0xff;
        };
      }
      rows.add(row);
    });
    return rows.toArray(new float[0][]);
  }

  /** Reads up to {@code limit} rows (all if limit &lt; 0) of an integer format. */
  static int[][] readInts(Path file, VectorFormat format, int limit) throws IOException {
    if (format != VectorFormat.IVECS && format != VectorFormat.IBIN) {
      throw new IOException(file + ": expected an ivecs or ibin file of ids, got " + format);
    }
    List<int[]> rows = new ArrayList<>();
    read(file, format, limit, (in, dim) -> {
      int[] row = new int[dim];
      for (int i = 0; i < dim; i++) {
        row[i] = in.getInt();
      }
      rows.add(row);
    });
    return rows.toArray(new int[0][]);
  }

  private interface RowReader {
    void row(Input in, int dim) throws IOException;
  }

  private static void read(Path file, VectorFormat format, int limit, RowReader rows)
      throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Input in = new Input(file, channel);
      long size = channel.size();
      switch (format) {
        case FVECS, IVECS, BVECS -> {
          int width = format == VectorFormat.BVECS ? 1 : 4;
          int count = 0;
          int firstDim = -1;
          while (in.position() < size && (limit < 0 || count < limit)) {
            int dim = in.getInt();
            if (dim <= 0 || (firstDim > 0 && dim != firstDim)) {
              throw new IOException(file + ": not a " + format.name().toLowerCase()
                  + " file (row " + count + " has dimension " + dim + ")");
            }
            firstDim = dim;
            if (in.position() + (long) dim * width > size) {
              throw new IOException(file + ": truncated in row " + count);
            }
            rows.row(in, dim);
            count++;
          }
        }
        case FBIN, IBIN, U8BIN -> {
          int count = in.getInt();
          int dim = in.getInt();
          int width = format == VectorFormat.U8BIN ? 1 : 4;
          if (count < 0 || dim <= 0 || 8 + (long) count * dim * width != size) {
            throw new IOException(file + ": not a " + format.name().toLowerCase() + " file"
                + " (header says " + count + " x " + dim + ", size is " + size + " bytes)");
          }
          int n = limit < 0 ? count : Math.min(limit, count);
          for (int i = 0; i < n; i++) {
            rows.row(in, dim);
          }
        }
        default -> throw new IOException(
            file + ": the " + format.name().toLowerCase() + " format is not supported yet");
      }
    }
  }

  /** A little-endian reader over a channel with a large buffer. */
  private static final class Input {
    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer =
        ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN).limit(0);
    private long consumed;

    Input(Path file, FileChannel channel) {
      this.file = file;
      this.channel = channel;
    }

    long position() {
      return consumed + buffer.position();
    }

    private void need(int bytes) throws IOException {
      if (buffer.remaining() >= bytes) {
        return;
      }
      consumed += buffer.position();
      buffer.compact();
      while (buffer.position() < bytes) {
        if (channel.read(buffer) < 0) {
          throw new EOFException(file + ": unexpected end of file");
        }
      }
      buffer.flip();
    }

    int getInt() throws IOException {
      need(4);
      return buffer.getInt();
    }

    float getFloat() throws IOException {
      need(4);
      return buffer.getFloat();
    }

    byte getByte() throws IOException {
      need(1);
      return buffer.get();
    }
  }
}
