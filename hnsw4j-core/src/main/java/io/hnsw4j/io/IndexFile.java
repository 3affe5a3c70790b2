package io.hnsw4j.io;

import static io.hnsw4j.io.FileHeader.FOOTER_LENGTH;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.Metric;
import io.hnsw4j.OpenOptions;
import io.hnsw4j.graph.GraphView;
import io.hnsw4j.graph.HeapGraph;
import io.hnsw4j.graph.MappedGraph;
import io.hnsw4j.internal.IdLookup;
import io.hnsw4j.internal.IdMap;
import io.hnsw4j.internal.MappedIdLookup;
import io.hnsw4j.vector.ChunkShape;
import io.hnsw4j.vector.HeapVectorSpace;
import io.hnsw4j.vector.MappedVectorSpace;
import io.hnsw4j.vector.VectorSpace;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;

/**
 * Saves and opens index files; the byte layout is documented on {@link FileHeader}. Writing goes
 * to a temporary file beside the target, which is fsynced and renamed over it. Opening checks
 * everything before trusting it: magic, version, header checksum, lengths and section bounds, the
 * payload checksum (always when reading onto the heap) and, while reading, every count and link.
 */
public final class IndexFile {
  private IndexFile() {}

  // ---- writing ----

  public static void write(Path file, HnswIndex index) throws IOException {
    GraphView graph = index.graph();
    VectorSpace vectors = index.vectors();
    IdLookup ids = index.idLookup();
    IndexConfig config = index.config();
    int nodes = graph.nodeCount();
    int m = config.m();
    int[] upperOffsets = new int[nodes];
    long upperLength = 0;
    int removed = 0;
    for (int node = 0; node < nodes; node++) {
      int level = graph.level(node);
      upperOffsets[node] = (int) upperLength;
      upperLength += (long) level * (1 + m);
      if (graph.isDeleted(node)) {
        removed++;
      }
    }
    if (upperLength > Integer.MAX_VALUE) {
      throw new IOException("upper layers too large to save: " + upperLength + " ints");
    }
    int[] table = ids.table();
    String customName = config.metric().kind() == Metric.Kind.CUSTOM ? config.metric().name() : null;
    long headerLength = FileHeader.headerLength(customName);
    long[][] sections =
        FileHeader.layout(headerLength, FileHeader.sectionLengths(config, nodes, (int) upperLength, table.length));
    long payloadEnd = FileHeader.align(sections[sections.length - 1][0] + sections[sections.length - 1][1]);
    FileHeader header =
        new FileHeader(
            FileHeader.VERSION,
            payloadEnd + FOOTER_LENGTH,
            config,
            customName,
            nodes,
            ids.size(),
            removed,
            graph.entryPoint(),
            graph.maxLevel(),
            (int) upperLength,
            table.length,
            sections);

    Path absolute = file.toAbsolutePath();
    Path temp = absolute.resolveSibling(
        absolute.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ChecksummedChannel out = ChecksummedChannel.forWriting(channel);
      out.put(header.encode());
      writeSections(out, header, graph, vectors, ids, upperOffsets, table);
      out.padTo(payloadEnd);
      out.flush();
      ByteBuffer footer = ByteBuffer.allocate(FOOTER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
      footer.putInt(out.checksum()).putInt(0).put(FileHeader.END_MAGIC).flip();
      while (footer.hasRemaining()) {
        channel.write(footer);
      }
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    try {
      Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory(absolute.getParent());
  }

  private static void writeSections(
      ChecksummedChannel out, FileHeader header, GraphView graph, VectorSpace vectors, IdLookup ids,
      int[] upperOffsets, int[] table) throws IOException {
    int nodes = header.nodeCount();
    int dimension = header.config().dimension();
    int m = header.config().m();
    out.padTo(header.sectionOffset(FileHeader.SECTION_VECTORS));
    for (int node = 0; node < nodes; node++) {
      out.putFloats(vectors.vector(node), 0, dimension);
    }
    out.padTo(header.sectionOffset(FileHeader.SECTION_NODE_INFO));
    for (int node = 0; node < nodes; node++) {
      out.putInt(graph.level(node) | (graph.isDeleted(node) ? FileHeader.NODE_DELETED : 0));
      out.putInt(upperOffsets[node]);
    }
    int[] buffer = new int[2 * m];
    out.padTo(header.sectionOffset(FileHeader.SECTION_LEVEL0));
    for (int node = 0; node < nodes; node++) {
      writeList(out, buffer, graph.neighbors(node, 0, buffer), 2 * m);
    }
    out.padTo(header.sectionOffset(FileHeader.SECTION_UPPER));
    for (int node = 0; node < nodes; node++) {
      for (int level = 1; level <= graph.level(node); level++) {
        writeList(out, buffer, graph.neighbors(node, level, buffer), m);
      }
    }
    out.padTo(header.sectionOffset(FileHeader.SECTION_IDS));
    for (int node = 0; node < nodes; node++) {
      out.putLong(ids.idOf(node));
    }
    out.padTo(header.sectionOffset(FileHeader.SECTION_ID_TABLE));
    for (int entry : table) {
      out.putInt(entry);
    }
  }

  private static void writeList(ChecksummedChannel out, int[] list, int count, int slots) throws IOException {
    out.putInt(count);
    for (int i = 0; i < slots; i++) {
      out.putInt(i < count ? list[i] : 0);
    }
  }

  private static void syncDirectory(Path directory) {
    if (directory == null) {
      return;
    }
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot fsync a directory; the rename itself is still atomic there.
    }
  }

  // ---- opening ----

  public static HnswIndex open(Path file, OpenOptions options) throws IOException {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    try (FileChannel channel = openChannel(file)) {
      long size = channel.size();
      byte[] headerBytes = readHeaderBytes(file, channel, size);
      FileHeader header = FileHeader.decode(file, ByteBuffer.wrap(headerBytes), size, metricResolver(options));
      if (options.memoryMapped()) {
        return openMapped(file, channel, header, options.verifyChecksum());
      }
      return readHeap(file, channel, header, headerBytes);
    }
  }

  /**
   * Checks a file's whole checksum and structure without opening it as an index; returns null when
   * it is sound, else the problem.
   */
  public static String verify(Path file) throws IOException {
    try (FileChannel channel = openChannel(file)) {
      long size = channel.size();
      byte[] headerBytes = readHeaderBytes(file, channel, size);
      FileHeader.decode(file, ByteBuffer.wrap(headerBytes), size, (f, code, name) -> code == 3 ? Metric.custom(name == null ? "custom" : name, (a, b) -> 0f) : builtIn(f, code));
      verifyChecksum(file, channel, size);
      return null;
    } catch (CorruptIndexException e) {
      return e.getMessage();
    }
  }

  private static FileChannel openChannel(Path file) throws IOException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no such index file");
    }
  }

  private static byte[] readHeaderBytes(Path file, FileChannel channel, long size) throws IOException {
    int minimum = FileHeader.headerLength(null);
    if (size < 16) {
      throw new CorruptIndexException(file, "not an hnsw4j index file: only " + size + " bytes");
    }
    ByteBuffer start = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    readFully(file, channel, start, 0);
    byte[] magic = Arrays.copyOf(start.array(), 8);
    if (!Arrays.equals(magic, FileHeader.MAGIC)) {
      throw new CorruptIndexException(file, "not an hnsw4j index file (unknown magic bytes)");
    }
    int version = start.getInt(8);
    if (version > FileHeader.VERSION) {
      throw new CorruptIndexException(
          file, "format version " + version + " is newer than this library reads (" + FileHeader.VERSION + "): upgrade hnsw4j");
    }
    if (version < 1) {
      throw new CorruptIndexException(file, "bad format version " + version);
    }
    int length = start.getInt(12);
    if (length < minimum || length > FileHeader.MAX_HEADER_LENGTH || length + (long) FOOTER_LENGTH > size) {
      throw new CorruptIndexException(
          file, size < minimum + FOOTER_LENGTH ? "truncated: only " + size + " bytes" : "bad header length " + length);
    }
    ByteBuffer header = ByteBuffer.allocate(length);
    readFully(file, channel, header, 0);
    return header.array();
  }

  private static void readFully(Path file, FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw new CorruptIndexException(file, "truncated at byte " + (position + buffer.position()));
      }
    }
    buffer.flip();
  }

  private static FileHeader.OpenMetric metricResolver(OpenOptions options) {
    return (file, code, name) -> {
      if (code != 3) {
        return builtIn(file, code);
      }
      Metric custom = options.customMetric();
      if (custom == null || custom.kind() != Metric.Kind.CUSTOM) {
        throw new IllegalArgumentException(
            file + " uses the custom metric '" + name + "': pass it with OpenOptions.withCustomMetric(Metric.custom(\"" + name + "\", ...))");
      }
      if (!custom.name().equals(name)) {
        throw new IllegalArgumentException(
            file + " uses the custom metric '" + name + "', but OpenOptions supplies '" + custom.name() + "'");
      }
      return custom;
    };
  }

  private static Metric builtIn(Path file, int code) throws CorruptIndexException {
    return switch (code) {
      case 0 -> Metric.L2;
      case 1 -> Metric.INNER_PRODUCT;
      case 2 -> Metric.COSINE;
      default -> throw new CorruptIndexException(file, "unknown metric code " + code);
    };
  }

  private static void checkFooter(Path file, ByteBuffer footer, int expectedCrc) throws CorruptIndexException {
    footer.order(ByteOrder.LITTLE_ENDIAN);
    byte[] end = new byte[8];
    footer.get(8, end);
    if (!Arrays.equals(end, FileHeader.END_MAGIC)) {
      throw new CorruptIndexException(file, "bad footer: the file is truncated or damaged");
    }
    if (footer.getInt(0) != expectedCrc) {
      throw new CorruptIndexException(file, "checksum mismatch: the file is damaged");
    }
  }

  private static void verifyChecksum(Path file, FileChannel channel, long size) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    long position = 0;
    long end = size - FOOTER_LENGTH;
    while (position < end) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
      int n = channel.read(buffer, position);
      if (n < 0) {
        throw new CorruptIndexException(file, "truncated at byte " + position);
      }
      buffer.flip();
      crc.update(buffer);
      position += n;
    }
    ByteBuffer footer = ByteBuffer.allocate(FOOTER_LENGTH);
    readFully(file, channel, footer, end);
    checkFooter(file, footer, (int) crc.getValue());
  }

  private static HnswIndex openMapped(Path file, FileChannel channel, FileHeader h, boolean verify) throws IOException {
    if (verify) {
      verifyChecksum(file, channel, h.fileLength());
    } else {
      ByteBuffer footer = ByteBuffer.allocate(FOOTER_LENGTH);
      readFully(file, channel, footer, h.fileLength() - FOOTER_LENGTH);
      footer.order(ByteOrder.LITTLE_ENDIAN);
      checkFooter(file, footer, footer.getInt(0));
    }
    Arena arena = Arena.ofShared();
    try {
      MemorySegment all = channel.map(FileChannel.MapMode.READ_ONLY, 0, h.fileLength(), arena);
      IndexConfig config = h.config();
      VectorSpace vectors =
          new MappedVectorSpace(section(all, h, FileHeader.SECTION_VECTORS), config.dimension(), config.metric());
      MappedGraph graph =
          new MappedGraph(
              section(all, h, FileHeader.SECTION_NODE_INFO),
              section(all, h, FileHeader.SECTION_LEVEL0),
              section(all, h, FileHeader.SECTION_UPPER),
              h.nodeCount(),
              config.m(),
              h.entryPoint(),
              h.maxLevel());
      IdLookup ids =
          new MappedIdLookup(
              section(all, h, FileHeader.SECTION_IDS), section(all, h, FileHeader.SECTION_ID_TABLE), h.nodeCount(), h.liveCount());
      return HnswIndex.fromMappedParts(config, vectors, graph, ids, arena::close, h.removedCount());
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  private static MemorySegment section(MemorySegment all, FileHeader h, int id) {
    return all.asSlice(h.sectionOffset(id), h.sectionLength(id));
  }

  private static HnswIndex readHeap(Path file, FileChannel channel, FileHeader h, byte[] headerBytes) throws IOException {
    try {
      return new HeapReader(file, channel, h, headerBytes).read();
    } catch (EOFException e) {
      throw new CorruptIndexException(file, "truncated: " + e.getMessage(), e);
    }
  }

  /** Streams the sections onto the heap, checking every value that could mislead a search. */
  private static final class HeapReader {
    private final Path file;
    private final FileHeader h;
    private final ChecksummedChannel in;
    private final FileChannel channel;

    HeapReader(Path file, FileChannel channel, FileHeader h, byte[] headerBytes) throws IOException {
      this.file = file;
      this.h = h;
      this.channel = channel;
      channel.position(headerBytes.length);
      this.in = ChecksummedChannel.forReading(channel);
      in.startAfter(headerBytes);
      in.limitReadsTo(h.fileLength() - FOOTER_LENGTH);
    }

    HnswIndex read() throws IOException {
      IndexConfig config = h.config();
      int nodes = h.nodeCount();
      int dimension = config.dimension();
      int m = config.m();
      ChunkShape shape = ChunkShape.forCapacity(Math.max(nodes, 1));
      HeapVectorSpace vectors = new HeapVectorSpace(dimension, config.metric(), shape);
      HeapGraph graph = new HeapGraph(m, shape);
      vectors.ensureCapacity(nodes);
      graph.ensureCapacity(nodes);

      in.skipTo(h.sectionOffset(FileHeader.SECTION_VECTORS));
      float[] vector = new float[dimension];
      for (int node = 0; node < nodes; node++) {
        in.getFloats(vector, 0, dimension);
        vectors.set(node, vector);
      }

      in.skipTo(h.sectionOffset(FileHeader.SECTION_NODE_INFO));
      int[] upperOffsets = new int[nodes];
      boolean[] deleted = new boolean[nodes];
      int removed = 0;
      for (int node = 0; node < nodes; node++) {
        int word = in.getInt();
        int offset = in.getInt();
        int level = word & FileHeader.NODE_LEVEL_MASK;
        if ((word & ~(FileHeader.NODE_LEVEL_MASK | FileHeader.NODE_DELETED)) != 0 || level > h.maxLevel()) {
          throw corrupt("node " + node + " has a bad level word " + word);
        }
        if (level > 0 && (offset < 0 || offset + (long) level * (1 + m) > h.upperLength())) {
          throw corrupt("node " + node + " has upper links outside their section");
        }
        deleted[node] = (word & FileHeader.NODE_DELETED) != 0;
        removed += deleted[node] ? 1 : 0;
        upperOffsets[node] = offset;
        graph.initNode(node, level);
      }
      if (removed != h.removedCount()) {
        throw corrupt("header counts " + h.removedCount() + " removed nodes, the node table " + removed);
      }

      in.skipTo(h.sectionOffset(FileHeader.SECTION_LEVEL0));
      int[] list = new int[2 * m];
      for (int node = 0; node < nodes; node++) {
        graph.setNeighbors(node, 0, list, readList(node, 0, list, 2 * m, nodes));
      }

      in.skipTo(h.sectionOffset(FileHeader.SECTION_UPPER));
      int[] upper = new int[h.upperLength()];
      for (int i = 0; i < upper.length; i++) {
        upper[i] = in.getInt();
      }
      for (int node = 0; node < nodes; node++) {
        for (int level = 1; level <= graph.level(node); level++) {
          int base = upperOffsets[node] + (level - 1) * (1 + m);
          int count = upper[base];
          if (count < 0 || count > m) {
            throw corrupt("node " + node + " has " + count + " links on level " + level);
          }
          for (int i = 0; i < count; i++) {
            list[i] = checkLink(node, level, upper[base + 1 + i], nodes);
          }
          graph.setNeighbors(node, level, list, count);
        }
      }

      in.skipTo(h.sectionOffset(FileHeader.SECTION_IDS));
      IdMap ids = new IdMap(shape.shift());
      for (int node = 0; node < nodes; node++) {
        long id = in.getLong();
        if (deleted[node]) {
          continue;
        }
        if (ids.ordinalOf(id) >= 0) {
          throw corrupt("id " + id + " appears twice");
        }
        ids.put(id, node);
      }
      if (ids.size() != h.liveCount()) {
        throw corrupt("header counts " + h.liveCount() + " live vectors, the file holds " + ids.size());
      }
      in.skipTo(h.fileLength() - FOOTER_LENGTH);
      ByteBuffer footer = ByteBuffer.allocate(FOOTER_LENGTH);
      readFully(file, channel, footer, h.fileLength() - FOOTER_LENGTH);
      checkFooter(file, footer, in.checksum());
      for (int node = 0; node < nodes; node++) {
        if (deleted[node]) {
          graph.markDeleted(node, true);
        }
      }
      if (h.entryPoint() >= 0) {
        if (graph.level(h.entryPoint()) != h.maxLevel()) {
          throw corrupt("entry point " + h.entryPoint() + " is not on the top level " + h.maxLevel());
        }
        graph.setEntry(h.entryPoint(), h.maxLevel());
      }
      return HnswIndex.fromHeapParts(config, vectors, graph, ids, nodes, removed);
    }

    private int readList(int node, int level, int[] list, int slots, int nodes) throws IOException {
      int count = in.getInt();
      if (count < 0 || count > slots) {
        throw corrupt("node " + node + " has " + count + " links on level " + level);
      }
      for (int i = 0; i < slots; i++) {
        int value = in.getInt();
        if (i < count) {
          list[i] = checkLink(node, level, value, nodes);
        }
      }
      return count;
    }

    private int checkLink(int node, int level, int target, int nodes) throws CorruptIndexException {
      if (target < 0 || target >= nodes) {
        throw corrupt("node " + node + " links to non-node " + target + " on level " + level);
      }
      return target;
    }

    private CorruptIndexException corrupt(String problem) {
      return new CorruptIndexException(file, problem);
    }
  }
}
