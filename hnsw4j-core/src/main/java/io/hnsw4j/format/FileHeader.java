package io.hnsw4j.format;

import io.hnsw4j.internal.Limits;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The header of an index file, format versions 1 and 2. All numbers are little-endian. Version 2
 * adds a funnel (prefix lengths, rotation) to the header, a seventh section (the funnel's
 * rotation) and an optional eighth (the traversal records of a quantized index); a file with
 * neither a funnel nor traversal records is written as version 1, so libraries that read only
 * version 1 keep reading it.
 *
 * <pre>
 * offset size  field
 *      0    8  magic 0x89 'H' 'N' 'S' 'W' '4' 'J' '\n' (a high byte and a newline catch 7-bit or
 *              text-mode transfers, as PNG's magic does)
 *      8    4  format version (1)
 *     12    4  header length H in bytes, this CRC included
 *     16    8  file length in bytes (catches truncation and trailing garbage)
 *     24    4  dimension
 *     28    4  metric: 0 l2, 1 inner product, 2 cosine, 3 custom
 *     32    4  M
 *     36    4  efConstruction
 *     40    4  efSearch
 *     44    4  flags: bit 0 extendCandidates, bit 1 keepPrunedConnections, bits 2-3 the codes
 *              searches traverse: 0 none, 1 int8, 2 one bit per component, 3 four bits per
 *              component (kept on the heap: read from section 8 when there is one, else
 *              computed from the vectors when the file is opened; files from before 1-bit
 *              codes only ever set bit 2)
 *     48    8  seed
 *     56    8  maxDeletedFraction (float64)
 *     64    4  node count N (ordinals handed out: live, removed and free)
 *     68    4  live count
 *     72    4  removed count (removed nodes still linked in the graph; free slots not counted)
 *     76    4  entry point ordinal, -1 when empty
 *     80    4  top level, -1 when empty
 *     84    4  length of the upper-layer section in ints
 *     88    4  id table slots (a power of two)
 *     92    4  custom metric name length L in bytes, then L bytes of UTF-8, zero padded to 4
 *      .       version 2 only: int32 funnel prefix count P (0 = no funnel, at most 8), P x int32
 *              prefix lengths (strictly increasing, 1..dimension), int32 rotation (0 none, 1 PCA;
 *              0 without a funnel)
 *      .    4  section count S (6; 7 or 8 in version 2), then S entries of: int32 id, int32 0,
 *              int64 offset, int64 length
 *    H-4    4  CRC32C of bytes [0, H-4)
 * </pre>
 *
 * Each section starts where the previous one (or the header) ends, rounded up to a multiple of
 * 64 bytes, in the order of their ids; the footer follows the last one the same way. A reader
 * refuses any other layout, and any length that the counts do not give. N is the node count:
 *
 * <ol>
 *   <li>vectors: N x dimension float32 (normalised for cosine)
 *   <li>node info: N x (int32 level | 0x100 if removed | 0x200 if its slot is free (removed and
 *       unlinked; level 0, no links), int32 offset of the node's blocks in section 4, in ints)
 *   <li>layer 0: N x (1 + 2M) int32: the neighbour count, then the neighbours, zero padded
 *   <li>upper layers: per node of level L &gt; 0, in ordinal order and without gaps, L blocks
 *       (layers 1..L) of (1 + M) int32 laid out the same way
 *   <li>ids: N x int64, the caller's id of each ordinal
 *   <li>id table: slots x int32, ordinal + 1 (0 = empty), probed linearly from a hash of the id
 *   <li>rotation (version 2): R x dimension float32, row-major, the funnel's PCA axes (each row of
 *       unit length), R = the longest prefix with PCA, else R = 0 (an empty section)
 *   <li>traversal records (version 2, only with quantization; {@link TraversalSection}): int32
 *       record format F, int32 record bytes B, int32 node count N, N x B bytes (one record per
 *       node, zeros for a free slot), int32 CRC32C of those N x B bytes. F names the layout (1:
 *       int8 codes, each record 12 bytes of float32 offset, scale and squared norm, then
 *       dimension signed bytes; 2: 1-bit codes, 16 bytes of float32 s, t, correction and 0,
 *       then ceil(dimension / 64) little-endian int64 of bits; 3: 4-bit codes, 12 bytes of
 *       float32 offset, scale and correction, then ceil(dimension / 2) bytes of two codes).
 *       Formats 2 and 3, codes of each vector minus a centroid, are followed by the centroid,
 *       format 1 by nothing: int32 centroid version V (1), int32 component count C (the
 *       dimension, or 0 when nothing was encoded yet), C x float32 (finite), int32 CRC32C of
 *       the V, C and floats before it. A reader that does not know F, or V, computes the
 *       records again
 * </ol>
 *
 * The file ends with a 16-byte footer: CRC32C of every byte before the footer, int32 0, and
 * "HNSW4END".
 */
record FileHeader(
    int version,
    long fileLength,
    StoredConfig config,
    int nodeCount,
    int liveCount,
    int removedCount,
    int entryPoint,
    int maxLevel,
    int upperLength,
    int idTableSlots,
    long[][] sections) {

  static final byte[] MAGIC = {(byte) 0x89, 'H', 'N', 'S', 'W', '4', 'J', '\n'};
  static final byte[] END_MAGIC = "HNSW4END".getBytes(StandardCharsets.US_ASCII);
  /** The newest version this library reads and writes. */
  static final int VERSION = 2;
  static final int FOOTER_LENGTH = 16;
  static final int ALIGNMENT = 64;
  static final int MAX_HEADER_LENGTH = 1 << 16;

  static final int SECTION_VECTORS = 1;
  static final int SECTION_NODE_INFO = 2;
  static final int SECTION_LEVEL0 = 3;
  static final int SECTION_UPPER = 4;
  static final int SECTION_IDS = 5;
  static final int SECTION_ID_TABLE = 6;
  static final int SECTION_ROTATION = 7;
  static final int SECTION_CODES = 8;
  static final int SECTION_COUNT = 6;

  /** The quantization kind sits in flag bits 2-3. */
  static final int QUANTIZATION_SHIFT = 2;

  static final int NODE_DELETED = 1 << 8;
  static final int NODE_FREE = 1 << 9;
  static final int NODE_LEVEL_MASK = 0xff;

  long sectionOffset(int id) {
    return sections[id - 1][0];
  }

  long sectionLength(int id) {
    return sections[id - 1][1];
  }

  /** Whether the file holds traversal records (section 8). */
  boolean hasCodes() {
    return sections.length >= SECTION_CODES;
  }

  /** The version that holds this configuration: 2 with a funnel or traversal records, else 1. */
  static int versionFor(StoredConfig config, boolean codes) {
    return config.funnelPrefixes() != null || codes ? 2 : 1;
  }

  /** Section {@code id} of the whole file mapped as {@code file}. */
  MemorySegment section(MemorySegment file, int id) {
    return file.asSlice(sectionOffset(id), sectionLength(id));
  }

  /**
   * Expected byte length of each section, from the counts; {@code codesLength} is the length of
   * section 8, or -1 for a file without it.
   */
  static long[] sectionLengths(
      StoredConfig config, int version, int nodes, int upperLength, int idTableSlots, long codesLength) {
    long n = nodes;
    long[] v1 = {
      n * config.dimension() * Float.BYTES,
      n * 2 * Integer.BYTES,
      n * (1 + 2L * config.m()) * Integer.BYTES,
      (long) upperLength * Integer.BYTES,
      n * Long.BYTES,
      (long) idTableSlots * Integer.BYTES
    };
    if (version < 2) {
      return v1;
    }
    long[] v2 = java.util.Arrays.copyOf(v1, codesLength < 0 ? 7 : 8);
    v2[6] = (long) config.rotationRows() * config.dimension() * Float.BYTES;
    if (codesLength >= 0) {
      v2[7] = codesLength;
    }
    return v2;
  }

  /** Lays out the sections after a header of {@code headerLength} bytes. */
  static long[][] layout(long headerLength, long[] lengths) {
    long[][] sections = new long[lengths.length][];
    long offset = align(headerLength);
    for (int i = 0; i < lengths.length; i++) {
      sections[i] = new long[] {offset, lengths[i]};
      offset = align(offset + lengths[i]);
    }
    return sections;
  }

  static long align(long offset) {
    return (offset + ALIGNMENT - 1) & -ALIGNMENT;
  }

  static int headerLength(String customMetricName) {
    return headerLength(customMetricName, 1, null, SECTION_COUNT);
  }

  /** Header bytes of {@code version} with this name, funnel (null: none) and section count. */
  static int headerLength(String customMetricName, int version, int[] funnelPrefixes, int sections) {
    int nameBytes = customMetricName == null ? 0 : customMetricName.getBytes(StandardCharsets.UTF_8).length;
    int funnel = version < 2 ? 0 : 4 + 4 * (funnelPrefixes == null ? 0 : funnelPrefixes.length) + 4;
    return 96 + ((nameBytes + 3) & ~3) + funnel + 4 + sections * 24 + 4;
  }

  ByteBuffer encode() {
    String customName = config.customMetricName();
    byte[] name = customName == null ? new byte[0] : customName.getBytes(StandardCharsets.UTF_8);
    int length = headerLength(customName, version, config.funnelPrefixes(), sections.length);
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putInt(version).putInt(length).putLong(fileLength);
    b.putInt(config.dimension()).putInt(config.metricCode()).putInt(config.m());
    b.putInt(config.efConstruction()).putInt(config.efSearch());
    b.putInt((config.extendCandidates() ? 1 : 0) | (config.keepPrunedConnections() ? 2 : 0)
        | config.quantization() << QUANTIZATION_SHIFT);
    b.putLong(config.seed()).putDouble(config.maxDeletedFraction());
    b.putInt(nodeCount).putInt(liveCount).putInt(removedCount).putInt(entryPoint).putInt(maxLevel);
    b.putInt(upperLength).putInt(idTableSlots).putInt(name.length).put(name);
    b.position(96 + ((name.length + 3) & ~3));
    if (version >= 2) {
      int[] prefixes = config.funnelPrefixes() == null ? new int[0] : config.funnelPrefixes();
      b.putInt(prefixes.length);
      for (int p : prefixes) {
        b.putInt(p);
      }
      b.putInt(config.funnelRotation());
    }
    b.putInt(sections.length);
    for (int i = 0; i < sections.length; i++) {
      b.putInt(i + 1).putInt(0).putLong(sections[i][0]).putLong(sections[i][1]);
    }
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, length - 4);
    b.putInt((int) crc.getValue());
    return b.flip();
  }

  /**
   * Parses and checks a header: {@code b} holds all of its H bytes. Every count and length is
   * checked against the limits and against {@code actualLength} (the file's size) before anything
   * is sized from it.
   */
  static FileHeader decode(Path file, ByteBuffer b, long actualLength) throws FormatException {
    b.order(ByteOrder.LITTLE_ENDIAN);
    int version = b.getInt(8);
    int length = b.getInt(12);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, length - 4);
    if ((int) crc.getValue() != b.getInt(length - 4)) {
      throw new FormatException(file, "header checksum mismatch: the file is damaged");
    }
    b.position(16);
    long fileLength = b.getLong();
    if (fileLength != actualLength) {
      throw new FormatException(
          file,
          fileLength > actualLength
              ? "truncated: the header says " + fileLength + " bytes, the file has " + actualLength
              : "has " + (actualLength - fileLength) + " unexpected bytes after its end");
    }
    int dimension = b.getInt();
    int metricCode = b.getInt();
    int m = b.getInt();
    int efConstruction = b.getInt();
    int efSearch = b.getInt();
    int flags = b.getInt();
    long seed = b.getLong();
    double maxDeleted = b.getDouble();
    int nodes = b.getInt();
    int live = b.getInt();
    int removed = b.getInt();
    int entry = b.getInt();
    int top = b.getInt();
    int upperLength = b.getInt();
    int slots = b.getInt();
    int nameLength = b.getInt();
    // long arithmetic: a huge length must not wrap around and pass. The header holds exactly the
    // name (padded to 4), the section table and the CRC, as encode() writes it.
    long paddedName = ((long) nameLength + 3) & ~3L;
    FunnelFields funnel = version >= 2 && nameLength >= 0 ? FunnelFields.read(file, b, 96 + paddedName, length) : FunnelFields.NONE;
    // The header's length gives the section count: 6 in version 1, 7 or 8 in version 2.
    long tableBytes = length - (96 + paddedName + funnel.bytes() + 4 + 4);
    int sectionCount = tableBytes % 24 == 0 && tableBytes > 0 ? (int) Math.min(tableBytes / 24, 99) : -1;
    boolean knownCount = version < 2 ? sectionCount == SECTION_COUNT : sectionCount == 7 || sectionCount == 8;
    if (nameLength < 0 || !knownCount) {
      throw new FormatException(
          file, "bad custom metric name length " + nameLength + " in a header of " + length + " bytes");
    }
    byte[] name = new byte[nameLength];
    b.get(name);
    String customName = nameLength == 0 ? null : decodeName(file, name);
    for (long i = nameLength; i < paddedName; i++) {
      if (b.get() != 0) {
        throw new FormatException(file, "the custom metric name is not followed by zero padding");
      }
    }
    StoredConfig config =
        new StoredConfig(
            dimension, metricCode, customName, m, efConstruction, efSearch,
            (flags & 1) != 0, (flags & 2) != 0, seed, maxDeleted, flags >>> QUANTIZATION_SHIFT & 3,
            funnel.stored(), funnel.rotation());
    checkConfig(file, config, flags);
    funnel.check(file, config);
    if (nodes < 0 || live < 0 || removed < 0 || (long) live + removed > nodes) {
      throw new FormatException(file, "inconsistent counts: " + nodes + " nodes, " + live + " live, " + removed + " removed");
    }
    if (entry < -1 || entry >= nodes || top < -1 || top > Limits.MAX_LEVEL || (entry < 0) != (top < 0)
        || (entry < 0 && live > 0)) {
      throw new FormatException(file, "bad entry point " + entry + " at level " + top + " for " + nodes + " nodes");
    }
    if (upperLength < 0 || slots <= 0 || Integer.bitCount(slots) != 1 || slots <= live) {
      throw new FormatException(file, "bad section sizes: upper " + upperLength + ", id table " + slots);
    }
    b.position(96 + (int) paddedName + funnel.bytes());
    int storedSections = b.getInt();
    if (storedSections != sectionCount) {
      throw new FormatException(file, "expected " + sectionCount + " sections, found " + storedSections);
    }
    if (sectionCount == SECTION_CODES && config.quantization() == StoredConfig.QUANTIZATION_NONE) {
      throw new FormatException(file, "holds traversal records (section 8) but no quantization");
    }
    // The sections must lie exactly where layout() puts them: any other offset or length is damage.
    // Only the traversal records' length comes from the table; TraversalSection checks it.
    int table = b.position();
    long codesLength = sectionCount == SECTION_CODES ? b.getLong(table + 7 * 24 + 16) : -1;
    if (sectionCount == SECTION_CODES && codesLength < TraversalSection.FRAME_BYTES) {
      throw new FormatException(file, "the traversal records section of " + codesLength + " bytes is too short");
    }
    long[][] expected = layout(length, sectionLengths(config, version, nodes, upperLength, slots, codesLength));
    long[][] sections = new long[sectionCount][];
    for (int i = 0; i < sectionCount; i++) {
      int id = b.getInt();
      int reserved = b.getInt();
      long offset = b.getLong();
      long len = b.getLong();
      if (id != i + 1 || reserved != 0 || offset != expected[i][0] || len != expected[i][1]
          || offset + len > actualLength - FOOTER_LENGTH || offset + len < offset) {
        throw new FormatException(
            file, "section " + (i + 1) + " at " + offset + " (" + len + " bytes) does not fit the file");
      }
      sections[i] = new long[] {offset, len};
    }
    long payloadEnd = align(sections[sectionCount - 1][0] + sections[sectionCount - 1][1]);
    if (payloadEnd + FOOTER_LENGTH != fileLength) {
      throw new FormatException(
          file, "the sections end at " + payloadEnd + ", but the file is " + fileLength + " bytes long");
    }
    return new FileHeader(version, fileLength, config, nodes, live, removed, entry, top, upperLength, slots, sections);
  }

  /**
   * Checks that a custom metric's name can be stored and read back as itself: no NUL character
   * (padding is zeros), no unpaired surrogate (UTF-8 cannot hold one), and a header that fits.
   */
  static void checkStorable(String customMetricName) {
    if (customMetricName == null) {
      return;
    }
    byte[] bytes = customMetricName.getBytes(StandardCharsets.UTF_8);
    if (customMetricName.indexOf('\0') >= 0
        || !new String(bytes, StandardCharsets.UTF_8).equals(customMetricName)
        || headerLength(customMetricName) > MAX_HEADER_LENGTH) {
      String shown = customMetricName.length() > 40 ? customMetricName.substring(0, 40) + "..." : customMetricName;
      throw new IllegalArgumentException(
          "the custom metric name '" + shown + "' cannot be stored in an index file: it must be"
              + " text without NUL characters, at most " + (MAX_HEADER_LENGTH - headerLength(null)) + " bytes of UTF-8");
    }
  }

  /** A custom metric's name: UTF-8 without NUL characters (padding never belongs to it). */
  private static String decodeName(Path file, byte[] bytes) throws FormatException {
    try {
      String name = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      if (name.indexOf('\0') < 0) {
        return name;
      }
    } catch (CharacterCodingException e) {
      // reported below
    }
    throw new FormatException(file, "the custom metric name is not valid UTF-8 text without NUL characters");
  }

  private static void checkConfig(Path file, StoredConfig c, int flags) throws FormatException {
    String problem = null;
    if (c.dimension() < 1 || c.dimension() > Limits.MAX_DIMENSION) {
      problem = "dimension " + c.dimension() + " outside 1.." + Limits.MAX_DIMENSION;
    } else if (c.metricCode() < StoredConfig.L2 || c.metricCode() > StoredConfig.CUSTOM) {
      problem = "unknown metric code " + c.metricCode();
    } else if ((c.metricCode() == StoredConfig.CUSTOM) != (c.customMetricName() != null)) {
      problem = "metric code " + c.metricCode() + " with custom metric name " + c.customMetricName();
    } else if (c.m() < 2 || c.m() > Limits.MAX_M) {
      problem = "M " + c.m() + " outside 2.." + Limits.MAX_M;
    } else if (c.efConstruction() < 1 || c.efConstruction() > Limits.MAX_EF
        || c.efSearch() < 1 || c.efSearch() > Limits.MAX_EF) {
      problem = "ef " + c.efConstruction() + "/" + c.efSearch() + " outside 1.." + Limits.MAX_EF;
    } else if ((flags & ~15) != 0) {
      problem = "unknown flags " + flags;
    } else if (!(c.maxDeletedFraction() > 0 && c.maxDeletedFraction() <= 1)) {
      problem = "maxDeletedFraction " + c.maxDeletedFraction() + " outside (0, 1]";
    }
    if (problem != null) {
      throw new FormatException(file, "invalid configuration: " + problem);
    }
  }
}
