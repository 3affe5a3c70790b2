package io.hnsw4j.store.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.ops.OperationCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * {@code points.bin} of a checkpoint: every live point's number, id, version and payload, and the
 * payload index definitions (their contents are rebuilt from the payloads on open). Big-endian:
 *
 * <pre>
 * "H4JPNT1\n" | int64 wal seq | int32 point-number high-water mark | int32 point count
 * per point: int32 number | id (kind byte, 8 or 16 bytes) | int64 version | int32 n | n bytes JSON payload
 * int32 index count | per index: UTF key | UTF type
 * uint32 CRC32C of everything before | "H4JPEND\n"
 * </pre>
 */
public final class PointsFile {
  public static final String NAME = "points.bin";
  private static final byte[] MAGIC = "H4JPNT1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] END = "H4JPEND\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private PointsFile() {}

  /** One stored point. */
  public record Entry(int point, PointId id, long version, ObjectNode payload) {}

  /** What a points file holds. */
  public record Contents(long walSeq, int highWater, List<Entry> points, Map<FieldPath, PayloadSchemaType> indexes) {}

  /** Writes and fsyncs the file; returns the CRC32C of its whole content. */
  public static long write(Path file, long walSeq, int highWater, int count, Iterable<Entry> points,
      Map<FieldPath, PayloadSchemaType> indexes) throws IOException {
    CRC32C crc = new CRC32C();
    CRC32C whole = new CRC32C();
    try (FileOutputStream fos = new FileOutputStream(file.toFile());
        CheckedOutputStream wholeOut = new CheckedOutputStream(new BufferedOutputStream(fos, 1 << 16), whole);
        CheckedOutputStream checked = new CheckedOutputStream(wholeOut, crc);
        DataOutputStream out = new DataOutputStream(checked)) {
      out.write(MAGIC);
      out.writeLong(walSeq);
      out.writeInt(highWater);
      out.writeInt(count);
      int written = 0;
      for (Entry e : points) {
        out.writeInt(e.point());
        OperationCodec.writeId(out, e.id());
        out.writeLong(e.version());
        OperationCodec.writeJson(out, e.payload());
        written++;
      }
      if (written != count) {
        throw new IOException("expected " + count + " points, wrote " + written);
      }
      out.writeInt(indexes.size());
      for (Map.Entry<FieldPath, PayloadSchemaType> e : indexes.entrySet()) {
        out.writeUTF(e.getKey().toString());
        out.writeUTF(e.getValue().qdrantName());
      }
      out.flush();
      DataOutputStream tail = new DataOutputStream(wholeOut);
      tail.writeInt((int) crc.getValue());
      tail.write(END);
      tail.flush();
      fos.getFD().sync();
    }
    return whole.getValue();
  }

  /** Reads and checks the file; IOException naming the file if it is damaged. */
  public static Contents read(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        CheckedInputStream checked = new CheckedInputStream(raw, crc)) {
      DataInputStream in = new DataInputStream(checked);
      if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
        throw new IOException(file + ": not a points file (bad magic)");
      }
      long walSeq = in.readLong();
      int highWater = in.readInt();
      int count = in.readInt();
      if (count < 0 || highWater < 0) {
        throw new IOException(file + ": bad counts " + count + " / " + highWater);
      }
      List<Entry> points = new ArrayList<>(Math.min(count, 1 << 20));
      for (int i = 0; i < count; i++) {
        int point = in.readInt();
        if (point < 0 || point >= highWater) {
          throw new IOException(file + ": point number " + point + " outside 0.." + highWater);
        }
        points.add(new Entry(point, OperationCodec.readId(in), in.readLong(), OperationCodec.readObject(in)));
      }
      Map<FieldPath, PayloadSchemaType> indexes = new LinkedHashMap<>();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        indexes.put(FieldPath.parse(in.readUTF()), PayloadSchemaType.parse(in.readUTF()));
      }
      int expected = (int) crc.getValue();
      DataInputStream tail = new DataInputStream(raw);
      int stored = tail.readInt();
      if (stored != expected || !Arrays.equals(tail.readNBytes(END.length), END) || raw.read() != -1) {
        throw new IOException(file + ": checksum mismatch or trailing bytes; the file is damaged");
      }
      return new Contents(walSeq, highWater, points, indexes);
    } catch (EOFException e) {
      throw new IOException(file + ": truncated", e);
    } catch (RuntimeException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
