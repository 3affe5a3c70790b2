package io.hnsw4j.store.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.filter.FilterParser;
import io.hnsw4j.store.filter.FilterWriter;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Encodes operations as the bodies of log records, big-endian: a tag byte, then the operation's
 * fields. Ids are a kind byte (0 number, 1 UUID) and 8 or 16 bytes; vectors a length and floats;
 * payloads and filters length-prefixed UTF-8 JSON (filters as {@link FilterWriter} writes them).
 */
public final class OperationCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final int UPSERT = 1;
  private static final int DELETE = 2;
  private static final int SET_PAYLOAD = 3;
  private static final int OVERWRITE_PAYLOAD = 4;
  private static final int DELETE_KEYS = 5;
  private static final int CLEAR_PAYLOAD = 6;
  private static final int CREATE_INDEX = 7;
  private static final int DELETE_INDEX = 8;

  private OperationCodec() {}

  /** The record body of an operation. */
  public static byte[] encode(Operation op) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      switch (op) {
        case Operation.Upsert u -> {
          out.writeByte(UPSERT);
          out.writeInt(u.points().size());
          for (Point p : u.points()) {
            writeId(out, p.id());
            out.writeInt(p.vector().length);
            for (float x : p.vector()) {
              out.writeFloat(x);
            }
            writeJson(out, p.payload());
          }
        }
        case Operation.DeletePoints d -> {
          out.writeByte(DELETE);
          writeSelector(out, d.selector());
        }
        case Operation.SetPayload s -> {
          out.writeByte(SET_PAYLOAD);
          writeSelector(out, s.selector());
          writeJson(out, s.payload());
          out.writeUTF(s.key() == null ? "" : s.key().toString());
        }
        case Operation.OverwritePayload o -> {
          out.writeByte(OVERWRITE_PAYLOAD);
          writeSelector(out, o.selector());
          writeJson(out, o.payload());
        }
        case Operation.DeletePayloadKeys k -> {
          out.writeByte(DELETE_KEYS);
          writeSelector(out, k.selector());
          out.writeInt(k.keys().size());
          for (FieldPath key : k.keys()) {
            out.writeUTF(key.toString());
          }
        }
        case Operation.ClearPayload c -> {
          out.writeByte(CLEAR_PAYLOAD);
          writeSelector(out, c.selector());
        }
        case Operation.CreateFieldIndex c -> {
          out.writeByte(CREATE_INDEX);
          out.writeUTF(c.field().toString());
          out.writeUTF(c.type().qdrantName());
        }
        case Operation.DeleteFieldIndex d -> {
          out.writeByte(DELETE_INDEX);
          out.writeUTF(d.field().toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array stream does not fail
    }
    return bytes.toByteArray();
  }

  /** Decodes a record body; IOException if it is not one {@link #encode} wrote. */
  public static Operation decode(byte[] body) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
    int tag = in.readUnsignedByte();
    Operation op =
        switch (tag) {
          case UPSERT -> {
            int n = in.readInt();
            List<Point> points = new ArrayList<>(Math.min(n, 1 << 16));
            for (int i = 0; i < n; i++) {
              PointId id = readId(in);
              float[] vector = new float[in.readInt()];
              for (int j = 0; j < vector.length; j++) {
                vector[j] = in.readFloat();
              }
              points.add(new Point(id, vector, readObject(in)));
            }
            yield new Operation.Upsert(points);
          }
          case DELETE -> new Operation.DeletePoints(readSelector(in));
          case SET_PAYLOAD -> {
            PointSelector selector = readSelector(in);
            ObjectNode payload = readObject(in);
            String key = in.readUTF();
            yield new Operation.SetPayload(selector, payload, key.isEmpty() ? null : FieldPath.parse(key));
          }
          case OVERWRITE_PAYLOAD -> new Operation.OverwritePayload(readSelector(in), readObject(in));
          case DELETE_KEYS -> {
            PointSelector selector = readSelector(in);
            int n = in.readInt();
            List<FieldPath> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              keys.add(FieldPath.parse(in.readUTF()));
            }
            yield new Operation.DeletePayloadKeys(selector, keys);
          }
          case CLEAR_PAYLOAD -> new Operation.ClearPayload(readSelector(in));
          case CREATE_INDEX -> new Operation.CreateFieldIndex(FieldPath.parse(in.readUTF()), PayloadSchemaType.parse(in.readUTF()));
          case DELETE_INDEX -> new Operation.DeleteFieldIndex(FieldPath.parse(in.readUTF()));
          default -> throw new IOException("unknown operation tag " + tag);
        };
    if (in.available() != 0) {
      throw new IOException(in.available() + " bytes left after an operation of tag " + tag);
    }
    return op;
  }

  public static void writeId(DataOutputStream out, PointId id) throws IOException {
    if (id.isUuid()) {
      out.writeByte(1);
      out.writeLong(id.uuid().getMostSignificantBits());
      out.writeLong(id.uuid().getLeastSignificantBits());
    } else {
      out.writeByte(0);
      out.writeLong(id.number());
    }
  }

  public static PointId readId(DataInputStream in) throws IOException {
    int kind = in.readUnsignedByte();
    return switch (kind) {
      case 0 -> PointId.of(in.readLong());
      case 1 -> PointId.of(new UUID(in.readLong(), in.readLong()));
      default -> throw new IOException("unknown point id kind " + kind);
    };
  }

  public static void writeJson(DataOutputStream out, JsonNode node) throws IOException {
    byte[] json = JSON.writeValueAsBytes(node);
    out.writeInt(json.length);
    out.write(json);
  }

  public static ObjectNode readObject(DataInputStream in) throws IOException {
    int length = in.readInt();
    byte[] json = length < 0 ? null : in.readNBytes(length);
    if (json == null || json.length != length) {
      throw new IOException("JSON of length " + length + " is cut short");
    }
    JsonNode node = JSON.readTree(json);
    if (!(node instanceof ObjectNode object)) {
      throw new IOException("expected a JSON object, got " + node.getNodeType());
    }
    return object;
  }

  private static void writeSelector(DataOutputStream out, PointSelector selector) throws IOException {
    switch (selector) {
      case PointSelector.Ids ids -> {
        out.writeByte(0);
        out.writeInt(ids.ids().size());
        for (PointId id : ids.ids()) {
          writeId(out, id);
        }
      }
      case PointSelector.Matching m -> {
        out.writeByte(1);
        writeJson(out, FilterWriter.write(m.filter()));
      }
    }
  }

  private static PointSelector readSelector(DataInputStream in) throws IOException {
    int kind = in.readUnsignedByte();
    if (kind == 0) {
      int n = in.readInt();
      List<PointId> ids = new ArrayList<>(Math.min(n, 1 << 16));
      for (int i = 0; i < n; i++) {
        ids.add(readId(in));
      }
      return PointSelector.ids(ids);
    }
    if (kind == 1) {
      return PointSelector.matching(FilterParser.parse(readObject(in)));
    }
    throw new IOException("unknown point selector kind " + kind);
  }
}
