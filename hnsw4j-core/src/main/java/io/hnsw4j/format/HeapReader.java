package io.hnsw4j.format;

import static io.hnsw4j.format.FileHeader.FOOTER_LENGTH;

import io.hnsw4j.graph.HeapGraph;
import io.hnsw4j.internal.IdMap;
import io.hnsw4j.vector.ChunkShape;
import io.hnsw4j.vector.HeapVectorSpace;
import io.hnsw4j.vector.VectorMetric;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Streams an index file onto the heap, checking every value that could mislead a search. */
final class HeapReader {
  private final Path file;
  private final FileHeader h;
  private final ChecksummedChannel in;
  private final FileChannel channel;

  private HeapReader(Path file, FileChannel channel, FileHeader h, byte[] headerBytes) throws IOException {
    this.file = file;
    this.h = h;
    this.channel = channel;
    channel.position(headerBytes.length);
    this.in = ChecksummedChannel.forReading(channel);
    in.startAfter(headerBytes);
    in.limitReadsTo(h.fileLength() - FOOTER_LENGTH);
  }

  static HeapParts read(Path file, FileChannel channel, FileHeader h, byte[] headerBytes, VectorMetric metric)
      throws IOException {
    HeapReader reader = new HeapReader(file, channel, h, headerBytes);
    try {
      return reader.read(metric);
    } catch (EOFException e) {
      throw new FormatException(file, "truncated: " + e.getMessage(), e);
    } catch (FormatException e) {
      throw reader.damageFirst(e);
    }
  }

  /**
   * A problem met while streaming, unless the payload checksum fails too: then the file is
   * plainly damaged, which is what the checksum reports on every other way of opening it.
   */
  private FormatException damageFirst(FormatException problem) {
    try {
      in.skipTo(h.fileLength() - FOOTER_LENGTH);
      ByteBuffer footer = ByteBuffer.allocate(FOOTER_LENGTH);
      IndexFile.readFully(file, channel, footer, h.fileLength() - FOOTER_LENGTH);
      IndexFile.checkFooter(file, footer, in.checksum());
      return problem;
    } catch (FormatException damaged) {
      return damaged;
    } catch (IOException e) {
      return problem;
    }
  }

  private HeapParts read(VectorMetric metric) throws IOException {
    StoredConfig config = h.config();
    int nodes = h.nodeCount();
    int dimension = config.dimension();
    int m = config.m();
    ChunkShape shape = ChunkShape.forCapacity(Math.max(nodes, 1));
    HeapVectorSpace vectors = new HeapVectorSpace(dimension, metric, shape);
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
    StructureRules rules = new StructureRules(file, h);
    int[] upperOffsets = new int[nodes];
    for (int node = 0; node < nodes; node++) {
      int word = in.getInt();
      int offset = in.getInt();
      rules.node(node, word, offset);
      upperOffsets[node] = offset;
      graph.initNode(node, rules.level(node));
    }
    rules.endOfNodes();

    in.skipTo(h.sectionOffset(FileHeader.SECTION_LEVEL0));
    int[] list = new int[2 * m];
    for (int node = 0; node < nodes; node++) {
      int count = in.getInt();
      rules.checkCount(node, 0, count);
      for (int i = 0; i < list.length; i++) {
        list[i] = in.getInt();
      }
      rules.checkLinks(node, 0, list, 0, count);
      graph.setNeighbors(node, 0, list, count);
    }

    in.skipTo(h.sectionOffset(FileHeader.SECTION_UPPER));
    int[] upper = new int[h.upperLength()];
    for (int i = 0; i < upper.length; i++) {
      upper[i] = in.getInt();
    }
    for (int node = 0; node < nodes; node++) {
      for (int level = 1; level <= rules.level(node); level++) {
        int base = upperOffsets[node] + (level - 1) * (1 + m);
        int count = upper[base];
        rules.checkCount(node, level, count);
        rules.checkLinks(node, level, upper, base + 1, count);
        System.arraycopy(upper, base + 1, list, 0, count);
        graph.setNeighbors(node, level, list, count);
      }
    }

    in.skipTo(h.sectionOffset(FileHeader.SECTION_IDS));
    IdMap ids = new IdMap(shape.shift());
    for (int node = 0; node < nodes; node++) {
      long id = in.getLong();
      if (rules.isDeleted(node)) {
        continue;
      }
      int other = ids.ordinalOf(id);
      if (other >= 0) {
        throw corrupt("id " + id + " appears twice (nodes " + other + " and " + node + ")");
      }
      ids.put(id, node);
    }
    // The table is rebuilt on the heap, yet a damaged one is refused all the same, as a mapped
    // open refuses it: a file either opens both ways or neither.
    in.skipTo(h.sectionOffset(FileHeader.SECTION_ID_TABLE));
    int[] table = new int[h.idTableSlots()];
    for (int i = 0; i < table.length; i++) {
      table[i] = in.getInt();
    }
    rules.checkIdTable(slot -> table[slot], ids::idOf);
    float[] rotation = RotationSection.read(file, in, h);
    TraversalRecords codes = TraversalSection.read(file, in, h);
    try {
      finish(graph, rules);
      return new HeapParts(config, vectors, graph, ids, nodes, rules.removed(), rotation, codes);
    } catch (IOException | RuntimeException e) {
      if (codes != null) {
        codes.close();
      }
      throw e;
    }
  }

  /** The footer's checksum, then the flags and entry point on the graph, then reachability. */
  private void finish(HeapGraph graph, StructureRules rules) throws IOException {
    in.skipTo(h.fileLength() - FOOTER_LENGTH);
    ByteBuffer footer = ByteBuffer.allocate(FOOTER_LENGTH);
    IndexFile.readFully(file, channel, footer, h.fileLength() - FOOTER_LENGTH);
    IndexFile.checkFooter(file, footer, in.checksum());
    for (int node = 0; node < h.nodeCount(); node++) {
      if (rules.isFree(node)) {
        graph.markFree(node);
      } else if (rules.isDeleted(node)) {
        graph.markDeleted(node, true);
      }
    }
    if (h.entryPoint() >= 0) {
      graph.setEntry(h.entryPoint(), h.maxLevel());
    }
    rules.checkReachable(graph);
  }

  private FormatException corrupt(String problem) {
    return new FormatException(file, problem);
  }
}
