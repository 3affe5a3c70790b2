package io.hnsw4j.store.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A point's id, as Qdrant's: an unsigned 64-bit integer or a UUID. In JSON a number or a UUID
 * string (hyphenated, or 32 hex digits). Ids order as Qdrant orders them in a scroll: all numbers
 * first, by unsigned value, then all UUIDs, by their 128 bits read unsigned. Immutable.
 */
public final class PointId implements Comparable<PointId> {
  private static final Pattern HYPHENATED =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern SIMPLE = Pattern.compile("[0-9a-fA-F]{32}");
  private static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /**
   * The id for another system's string key: the UUID itself when the key is a UUID in canonical
   * lower-case form (as {@link UUID#toString} writes it), otherwise {@link #named}. The key reads
   * back as the id's {@link #toString} exactly when the two are equal; otherwise a caller that
   * needs it keeps it beside the point.
   */
  public static PointId forKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.length() == 36 && HYPHENATED.matcher(key).matches()) {
      UUID uuid = UUID.fromString(key);
      if (uuid.toString().equals(key)) {
        return of(uuid);
      }
    }
    return named(key);
  }

  /** The namespace of {@link #named} ids (a fixed random UUID, so hnsw4j's names are its own). */
  public static final UUID NAME_NAMESPACE = UUID.fromString("bb09a11a-92de-47fd-b373-b9f1bef2808f");

  private final long number;
  private final UUID uuid;

  private PointId(long number, UUID uuid) {
    this.number = number;
    this.uuid = uuid;
  }

  /** A numeric id; {@code unsigned} is read as an unsigned 64-bit value (-1 is 2^64 - 1). */
  public static PointId of(long unsigned) {
    return new PointId(unsigned, null);
  }

  public static PointId of(UUID uuid) {
    return new PointId(0, Objects.requireNonNull(uuid, "uuid"));
  }

  /**
   * The id that stands for a string key of another system (such as LangChain4j's or Spring AI's
   * document ids): a name-based UUID (RFC 9562 version 5: SHA-1 of {@link #NAME_NAMESPACE} and the
   * key's UTF-8 bytes). Equal keys give equal ids, in every run and on every machine; the key
   * itself cannot be read back from the id, so a caller that needs it keeps it in the payload.
   */
  public static PointId named(String key) {
    Objects.requireNonNull(key, "key");
    java.security.MessageDigest sha1;
    try {
      sha1 = java.security.MessageDigest.getInstance("SHA-1");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-1", e);
    }
    java.nio.ByteBuffer namespace = java.nio.ByteBuffer.allocate(16);
    namespace.putLong(NAME_NAMESPACE.getMostSignificantBits()).putLong(NAME_NAMESPACE.getLeastSignificantBits());
    sha1.update(namespace.array());
    java.nio.ByteBuffer hash = java.nio.ByteBuffer.wrap(sha1.digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    long high = (hash.getLong() & ~0xF000L) | 0x5000L; // version 5
    long low = (hash.getLong() & ~(0xC0L << 56)) | (0x80L << 56); // the RFC's variant
    return of(new UUID(high, low));
  }

  /** Parses an unsigned decimal number or a UUID; BAD_REQUEST otherwise. */
  public static PointId parse(String text) {
    if (text == null || text.isEmpty()) {
      throw StoreException.badRequest("point id must not be empty");
    }
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return of(Long.parseUnsignedLong(text));
      } catch (NumberFormatException e) {
        throw StoreException.badRequest("point id " + text + " is larger than 2^64 - 1");
      }
    }
    return of(parseUuid(text, "point id"));
  }

  /**
   * Reads an id from JSON: a non-negative integer below 2^64, or a UUID string. {@code path} names
   * the value in error messages (for example {@code points[3].id}).
   */
  public static PointId fromJson(JsonNode node, String path) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw StoreException.badRequest(path + ": a point id is required");
    }
    if (node.isIntegralNumber()) {
      BigInteger value = node.bigIntegerValue();
      if (value.signum() < 0 || value.compareTo(MAX_UNSIGNED) > 0) {
        throw StoreException.badRequest(path + ": point id " + value + " is not in 0..2^64-1");
      }
      return of(value.longValue());
    }
    if (node.isTextual()) {
      return of(parseUuid(node.textValue(), path));
    }
    throw StoreException.badRequest(path + ": a point id must be an unsigned integer or a UUID string, got " + node);
  }

  private static UUID parseUuid(String text, String path) {
    if (HYPHENATED.matcher(text).matches()) {
      return UUID.fromString(text);
    }
    if (SIMPLE.matcher(text).matches()) {
      return new UUID(Long.parseUnsignedLong(text.substring(0, 16), 16), Long.parseUnsignedLong(text.substring(16), 16));
    }
    throw StoreException.badRequest(path + ": '" + text + "' is neither an unsigned integer nor a UUID");
  }

  /** Whether the id is a UUID rather than a number. */
  public boolean isUuid() {
    return uuid != null;
  }

  /** The unsigned number (read it with {@link Long#toUnsignedString}); 0 for a UUID. */
  public long number() {
    return number;
  }

  /** The UUID, or null for a numeric id. */
  public UUID uuid() {
    return uuid;
  }

  /** The id as Qdrant writes it: a JSON number or a lower-case hyphenated UUID string. */
  public JsonNode toJson() {
    if (uuid != null) {
      return TextNode.valueOf(uuid.toString());
    }
    return number >= 0 ? LongNode.valueOf(number) : BigIntegerNode.valueOf(new BigInteger(Long.toUnsignedString(number)));
  }

  @Override
  public int compareTo(PointId other) {
    if (uuid == null || other.uuid == null) {
      if (uuid == null && other.uuid == null) {
        return Long.compareUnsigned(number, other.number);
      }
      return uuid == null ? -1 : 1;
    }
    int high = Long.compareUnsigned(uuid.getMostSignificantBits(), other.uuid.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(uuid.getLeastSignificantBits(), other.uuid.getLeastSignificantBits());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PointId p && number == p.number && Objects.equals(uuid, p.uuid);
  }

  @Override
  public int hashCode() {
    return uuid != null ? uuid.hashCode() : Long.hashCode(number);
  }

  @Override
  public String toString() {
    return uuid != null ? uuid.toString() : Long.toUnsignedString(number);
  }
}
