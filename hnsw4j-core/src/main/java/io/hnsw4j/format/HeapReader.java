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
    try {
      return new HeapReader(file, channel, h, headerBytes).read(metric);
    } catch (EOFException e) {
      throw new FormatException(file, "truncated: " + e.getMessage(), e);
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
    int[] upperOffsets = new int[nodes];
    boolean[] deleted = new boolean[nodes];
    boolean[] free = new boolean[nodes];
    int removed = 0;
    for (int node = 0; node < nodes; node++) {
      int word = in.getInt();
      int offset = in.getInt();
      int level = word & FileHeader.NODE_LEVEL_MASK;
      int flags = FileHeader.NODE_DELETED | FileHeader.NODE_FREE;
      if ((word & ~(FileHeader.NODE_LEVEL_MASK | flags)) != 0 || level > Math.max(h.maxLevel(), 0)
          || (word & flags) == FileHeader.NODE_FREE) {
        throw corrupt("node " + node + " has a bad level word " + word);
      }
      if (level > 0 && (offset < 0 || offset + (long) level * (1 + m) > h.upperLength())) {
        throw corrupt("node " + node + " has upper links outside their section");
      }
      deleted[node] = (word & FileHeader.NODE_DELETED) != 0;
      free[node] = (word & FileHeader.NODE_FREE) != 0;
      removed += deleted[node] && !free[node] ? 1 : 0;
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
    IndexFile.readFully(file, channel, footer, h.fileLength() - FOOTER_LENGTH);
    IndexFile.checkFooter(file, footer, in.checksum());
    for (int node = 0; node < nodes; node++) {
      if (free[node]) {
        graph.markFree(node);
      } else if (deleted[node]) {
        graph.markDeleted(node, true);
      }
    }
    if (h.entryPoint() >= 0) {
      if (graph.level(h.entryPoint()) != h.maxLevel()) {
        throw corrupt("entry point " + h.entryPoint() + " is not on the top level " + h.maxLevel());
      }
      graph.setEntry(h.entryPoint(), h.maxLevel());
    }
    return new HeapParts(config, vectors, graph, ids, nodes, removed);
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

  private int checkLink(int node, int level, int target, int nodes) throws FormatException {
    if (target < 0 || target >= nodes) {
      throw corrupt("node " + node + " links to non-node " + target + " on level " + level);
    }
    return target;
  }

  private FormatException corrupt(String problem) {
    return new FormatException(file, problem);
  }
}
