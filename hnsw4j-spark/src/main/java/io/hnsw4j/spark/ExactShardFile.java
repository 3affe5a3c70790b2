package io.hnsw4j.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The file of one shard of an exact model: the ids and the vectors as given, for an {@link
 * io.hnsw4j.ExactIndex} to scan. Big-endian:
 *
 * <pre>
 * magic "HNSW4JXV" | int32 version (1) | int32 dimension | int32 count
 * int64 ids[count] | float32 vectors[count][dimension] | int64 CRC32C of all bytes before
 * </pre>
 *
 * Written to a temporary file beside the target and renamed over it.
 */
final class ExactShardFile {
  private static final byte[] MAGIC = "HNSW4JXV".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

  /** What a shard file holds. */
  record Contents(long[] ids, float[][] vectors) {}

  private ExactShardFile() {}

  static void write(Path file, int dimension, long[] ids, float[][] vectors) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    CRC32C crc = new CRC32C();
    try (OutputStream raw = Files.newOutputStream(temp);
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc))) {
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(dimension);
      out.writeInt(ids.length);
      for (long id : ids) {
        out.writeLong(id);
      }
      ByteBuffer row = ByteBuffer.allocate(dimension * Float.BYTES);
      for (float[] vector : vectors) {
        row.clear();
        row.asFloatBuffer().put(vector);
        out.write(row.array());
      }
      out.flush();
      // The checksum covers everything before it; written unchecked.
      new DataOutputStream(raw).writeLong(crc.getValue());
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads a shard file.
   *
   * @throws IOException naming the file if it is not a shard file, is truncated, fails its
   *     checksum or holds vectors of another dimension
   */
  static Contents read(Path file, int dimension) throws IOException {
    CRC32C crc = new CRC32C();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException(file + ": not an exact shard file (bad magic)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(file + ": exact shard format version " + version + ", this reader knows " + VERSION);
      }
      int storedDimension = in.readInt();
      int count = in.readInt();
      if (storedDimension != dimension || count < 0) {
        throw new IOException(
            file + ": holds " + count + " vectors of dimension " + storedDimension + ", expected dimension " + dimension);
      }
      long[] ids = new long[count];
      for (int i = 0; i < count; i++) {
        ids[i] = in.readLong();
      }
      float[][] vectors = new float[count][dimension];
      byte[] row = new byte[dimension * Float.BYTES];
      for (float[] vector : vectors) {
        in.readFully(row);
        ByteBuffer.wrap(row).asFloatBuffer().get(vector);
      }
      long computed = crc.getValue();
      long stored = new DataInputStream(raw).readLong();
      if (stored != computed) {
        throw new IOException(file + ": checksum mismatch (stored " + stored + ", computed " + computed + ")");
      }
      return new Contents(ids, vectors);
    } catch (EOFException e) {
      throw new IOException(file + ": truncated exact shard file", e);
    }
  }
}
