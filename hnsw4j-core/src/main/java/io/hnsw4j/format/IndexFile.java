package io.hnsw4j.format;

import static io.hnsw4j.format.FileHeader.FOOTER_LENGTH;

import io.hnsw4j.graph.GraphView;
import io.hnsw4j.graph.Renumbering;
import io.hnsw4j.internal.IdLookup;
import io.hnsw4j.vector.TraversalSpace;
import io.hnsw4j.vector.VectorMetric;
import io.hnsw4j.vector.VectorSpace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Saves and opens index files; the byte layout is documented on {@link FileHeader}.
 *
 * <p>Saving writes a temporary file beside the target, named {@code <target-name>.tmp-<16 hex
 * digits>}, fsyncs it, renames it over the target and fsyncs the directory, so a crash leaves the
 * old file or the new one. The save holds an exclusive lock on its temporary until the rename; a
 * save that fails deletes it. A save killed outright (kill -9, a crash) leaves it behind: the
 * next save of the same target deletes every such temporary whose lock it can take, and leaves
 * alone those that a concurrent save, in this process or another, holds ({@link TemporaryFile}).
 *
 * <p>Opening checks everything before trusting it: magic, version, header checksum, every length
 * and count against the bytes that the file really has (before anything is sized from them),
 * the exact section layout, and the graph's rules ({@link StructureRules}: links, degrees, levels,
 * flags, entry point, reachability, counts). Reading onto the heap also checks the payload
 * checksum as it streams; a memory-mapped open checks the same structure and the id table
 * ({@link MappedValidator}) without reading the vectors, and reads the payload checksum only when
 * asked.
 */
public final class IndexFile {
  private IndexFile() {}

  // ---- writing ----

  /** Resolves a file's stored metric to the vector layer's; may throw IllegalArgumentException. */
  @FunctionalInterface
  public interface MetricResolver {
    /** The metric to score a file of this configuration with. */
    VectorMetric resolve(StoredConfig config);
  }

  /**
   * Writes an index: to a temporary file beside {@code file}, fsynced, then renamed over it and
   * the directory fsynced, so a crash leaves the old file or the new one; stale temporaries of
   * {@code file} are deleted first. The caller keeps writers out meanwhile. A {@code traversal}
   * space that stores records ({@link TraversalSpace#recordFormat()} not 0) is written too, with
   * its centroid if it is one of codes around a centroid. The
   * nodes are laid out in the order of {@code order}: node n of the file is node {@code
   * order.oldOf(n)} of {@code graph}, {@code vectors}, {@code ids} and {@code traversal}.
   *
   * @throws IllegalArgumentException if {@code file} is null, or the custom metric's name cannot
   *     be stored
   * @throws IOException if {@code file} is a directory, its directory is missing or not writable,
   *     or writing fails (the temporary is then deleted)
   */
  public static void write(
      Path file, StoredConfig config, GraphView source, VectorSpace vectors, IdLookup ids, float[] rotation,
      TraversalSpace traversal, Renumbering order) throws IOException {
    Path absolute = checkTarget(file);
    GraphView graph = order.view(source);
    FileHeader.checkStorable(config.customMetricName());
    int nodes = graph.nodeCount();
    int m = config.m();
    int[] upperOffsets = new int[nodes];
    long upperLength = 0;
    int removed = 0;
    for (int node = 0; node < nodes; node++) {
      int level = graph.isFree(node) ? 0 : graph.level(node); // a free slot keeps no links
      upperOffsets[node] = (int) upperLength;
      upperLength += (long) level * (1 + m);
      if (graph.isDeleted(node) && !graph.isFree(node)) {
        removed++;
      }
    }
    if (upperLength > Integer.MAX_VALUE) {
      throw new IOException("upper layers too large to save: " + upperLength + " ints");
    }
    int[] table = ids.table();
    for (int slot = 0; slot < table.length; slot++) {
      table[slot] = table[slot] == 0 ? 0 : order.newOf(table[slot] - 1) + 1; // slots follow ids, not ordinals
    }
    if ((rotation == null ? 0 : rotation.length) != config.rotationRows() * config.dimension()) {
      throw new IllegalStateException("the funnel's rotation is not learned yet: add vectors first");
    }
    TraversalSpace codes = traversal != null && traversal.recordFormat() != 0 ? traversal : null;
    int version = FileHeader.versionFor(config, codes != null);
    float[] centroid = codes == null ? null : TraversalSection.centroidOf(codes); // one snapshot, sized and written
    long codesLength = codes == null ? -1 : TraversalSection.length(codes, nodes, centroid);
    long[] lengths = FileHeader.sectionLengths(config, version, nodes, (int) upperLength, table.length, codesLength);
    long headerLength = FileHeader.headerLength(config.customMetricName(), version, config.funnelPrefixes(), lengths.length);
    long[][] sections = FileHeader.layout(headerLength, lengths);
    long payloadEnd = FileHeader.align(sections[sections.length - 1][0] + sections[sections.length - 1][1]);
    FileHeader header =
        new FileHeader(
            version,
            payloadEnd + FOOTER_LENGTH,
            config,
            nodes,
            ids.size(),
            removed,
            graph.entryPoint(),
            graph.maxLevel(),
            (int) upperLength,
            table.length,
            sections);

    TemporaryFile.deleteStale(absolute);
    try (TemporaryFile temp = TemporaryFile.create(absolute)) {
      FileChannel channel = temp.channel();
      ChecksummedChannel out = ChecksummedChannel.forWriting(channel);
      out.put(header.encode());
      writeSections(out, header, graph, vectors, ids, upperOffsets, table, order);
      if (rotation != null) {
        out.padTo(header.sectionOffset(FileHeader.SECTION_ROTATION));
        out.putFloats(rotation, 0, rotation.length);
      }
      if (codes != null) {
        TraversalSection.write(out, header, codes, centroid, graph, order);
      }
      out.padTo(payloadEnd);
      out.flush();
      ByteBuffer footer = ByteBuffer.allocate(FOOTER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
      footer.putInt(out.checksum()).putInt(0).put(FileHeader.END_MAGIC).flip();
      while (footer.hasRemaining()) {
        channel.write(footer);
      }
      channel.force(true);
      temp.moveTo(absolute);
    } catch (FileSystemException e) {
      if (Files.isDirectory(absolute)) {
        throw directory(absolute); // made one meanwhile
      }
      throw e;
    }
    syncDirectory(absolute.getParent());
  }

  /** The absolute target of a save, after checking it can be one. */
  private static Path checkTarget(Path file) throws IOException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    Path absolute = file.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw directory(absolute);
    }
    Path parent = absolute.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new NoSuchFileException(file.toString(), null, "cannot save there: no directory " + parent);
    }
    if (!Files.isWritable(parent)) {
      throw new AccessDeniedException(file.toString(), null, "cannot save there: directory " + parent + " is not writable");
    }
    return absolute;
  }

  private static FileSystemException directory(Path file) {
    return new FileSystemException(file.toString(), null, "is a directory, not an index file");
  }

  private static void writeSections(
      ChecksummedChannel out, FileHeader header, GraphView graph, VectorSpace vectors, IdLookup ids,
      int[] upperOffsets, int[] table, Renumbering order) throws IOException {
    int nodes = header.nodeCount();
    int dimension = header.config().dimension();
    int m = header.config().m();
    out.padTo(header.sectionOffset(FileHeader.SECTION_VECTORS));
    for (int node = 0; node < nodes; node++) {
      out.putFloats(vectors.vector(order.oldOf(node)), 0, dimension);
    }
    out.padTo(header.sectionOffset(FileHeader.SECTION_NODE_INFO));
    for (int node = 0; node < nodes; node++) {
      out.putInt(
          (graph.isFree(node) ? 0 : graph.level(node))
              | (graph.isDeleted(node) ? FileHeader.NODE_DELETED : 0)
              | (graph.isFree(node) ? FileHeader.NODE_FREE : 0));
      out.putInt(upperOffsets[node]);
    }
    int[] buffer = new int[2 * m];
    out.padTo(header.sectionOffset(FileHeader.SECTION_LEVEL0));
    for (int node = 0; node < nodes; node++) {
      writeList(out, buffer, graph.neighbors(node, 0, buffer), 2 * m);
    }
    out.padTo(header.sectionOffset(FileHeader.SECTION_UPPER));
    for (int node = 0; node < nodes; node++) {
      for (int level = 1; level <= (graph.isFree(node) ? 0 : graph.level(node)); level++) {
        writeList(out, buffer, graph.neighbors(node, level, buffer), m);
      }
    }
    out.padTo(header.sectionOffset(FileHeader.SECTION_IDS));
    for (int node = 0; node < nodes; node++) {
      out.putLong(ids.idOf(order.oldOf(node)));
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

  /** Reads an index file onto the heap, checking its checksum and every count, level and link. */
  public static HeapParts readHeap(Path file, MetricResolver metrics) throws IOException {
    try (FileChannel channel = openChannel(file)) {
      long size = channel.size();
      byte[] headerBytes = readHeaderBytes(file, channel, size);
      FileHeader header = FileHeader.decode(file, ByteBuffer.wrap(headerBytes), size);
      VectorMetric metric = metrics.resolve(header.config());
      return HeapReader.read(file, channel, header, headerBytes, metric);
    }
  }

  /** Maps an index file read-only; {@code verifyChecksum} also reads the whole file's CRC. */
  public static MappedParts map(Path file, boolean verifyChecksum, MetricResolver metrics) throws IOException {
    try (FileChannel channel = openChannel(file)) {
      long size = channel.size();
      byte[] headerBytes = readHeaderBytes(file, channel, size);
      FileHeader header = FileHeader.decode(file, ByteBuffer.wrap(headerBytes), size);
      VectorMetric metric = metrics.resolve(header.config());
      if (verifyChecksum) {
        verifyChecksum(file, channel, header.fileLength());
      } else {
        ByteBuffer footer = ByteBuffer.allocate(FOOTER_LENGTH);
        readFully(file, channel, footer, header.fileLength() - FOOTER_LENGTH);
        footer.order(ByteOrder.LITTLE_ENDIAN);
        checkFooter(file, footer, footer.getInt(0));
      }
      return MappedOpener.open(file, channel, header, metric);
    }
  }

  /**
   * Checks a file's header, whole checksum and structure without opening it as an index (no
   * metric needed); returns null when it is sound, else the file and the problem.
   */
  public static String verify(Path file) throws IOException {
    try (FileChannel channel = openChannel(file)) {
      long size = channel.size();
      byte[] headerBytes = readHeaderBytes(file, channel, size);
      FileHeader header = FileHeader.decode(file, ByteBuffer.wrap(headerBytes), size);
      verifyChecksum(file, channel, size);
      MappedOpener.validate(file, channel, header);
      return null;
    } catch (FormatException e) {
      return e.getMessage();
    }
  }

  private static FileChannel openChannel(Path file) throws IOException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    if (Files.isDirectory(file)) {
      throw directory(file);
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
      throw new FormatException(file, "not an hnsw4j index file: only " + size + " bytes");
    }
    ByteBuffer start = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    readFully(file, channel, start, 0);
    byte[] magic = Arrays.copyOf(start.array(), 8);
    if (!Arrays.equals(magic, FileHeader.MAGIC)) {
      throw new FormatException(file, "not an hnsw4j index file (unknown magic bytes)");
    }
    int version = start.getInt(8);
    if (version > FileHeader.VERSION) {
      throw new FormatException(
          file, "format version " + version + " is newer than this library reads (" + FileHeader.VERSION + "): upgrade hnsw4j");
    }
    if (version < 1) {
      throw new FormatException(file, "bad format version " + version);
    }
    int length = start.getInt(12);
    if (length < minimum || length > FileHeader.MAX_HEADER_LENGTH) {
      throw new FormatException(
          file, size < minimum + FOOTER_LENGTH ? "truncated: only " + size + " bytes" : "bad header length " + length);
    }
    if (length + (long) FOOTER_LENGTH > size) {
      throw new FormatException(file, "truncated: only " + size + " bytes, less than a header of " + length + " and a footer");
    }
    ByteBuffer header = ByteBuffer.allocate(length);
    readFully(file, channel, header, 0);
    return header.array();
  }

  static void readFully(Path file, FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw new FormatException(file, "truncated at byte " + (position + buffer.position()));
      }
    }
    buffer.flip();
  }

  static void checkFooter(Path file, ByteBuffer footer, int expectedCrc) throws FormatException {
    footer.order(ByteOrder.LITTLE_ENDIAN);
    byte[] end = new byte[8];
    footer.get(8, end);
    if (!Arrays.equals(end, FileHeader.END_MAGIC)) {
      throw new FormatException(file, "bad footer: the file is truncated or damaged");
    }
    if (footer.getInt(0) != expectedCrc) {
      throw new FormatException(file, "checksum mismatch: the file is damaged");
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
        throw new FormatException(file, "truncated at byte " + position);
      }
      buffer.flip();
      crc.update(buffer);
      position += n;
    }
    ByteBuffer footer = ByteBuffer.allocate(FOOTER_LENGTH);
    readFully(file, channel, footer, end);
    checkFooter(file, footer, (int) crc.getValue());
  }
}
