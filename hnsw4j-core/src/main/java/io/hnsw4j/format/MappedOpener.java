package io.hnsw4j.format;

import io.hnsw4j.graph.MappedGraph;
import io.hnsw4j.internal.MappedIdLookup;
import io.hnsw4j.vector.MappedVectorSpace;
import io.hnsw4j.vector.VectorMetric;
import io.hnsw4j.vector.VectorSpace;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Maps the sections of an index file whose header and footer were checked. */
final class MappedOpener {
  private MappedOpener() {}

  static MappedParts open(Path file, FileChannel channel, FileHeader h, VectorMetric metric) throws IOException {
    Arena arena = Arena.ofShared();
    try {
      MemorySegment all = channel.map(FileChannel.MapMode.READ_ONLY, 0, h.fileLength(), arena);
      StoredConfig config = h.config();
      VectorSpace vectors =
          new MappedVectorSpace(section(all, h, FileHeader.SECTION_VECTORS), config.dimension(), metric);
      MappedGraph graph =
          new MappedGraph(
              section(all, h, FileHeader.SECTION_NODE_INFO),
              section(all, h, FileHeader.SECTION_LEVEL0),
              section(all, h, FileHeader.SECTION_UPPER),
              h.nodeCount(),
              config.m(),
              h.entryPoint(),
              h.maxLevel());
      MappedIdLookup ids =
          new MappedIdLookup(
              section(all, h, FileHeader.SECTION_IDS),
              section(all, h, FileHeader.SECTION_ID_TABLE),
              h.nodeCount(),
              h.liveCount());
      return new MappedParts(config, vectors, graph, ids, h.removedCount(), arena::close);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  private static MemorySegment section(MemorySegment all, FileHeader h, int id) {
    return all.asSlice(h.sectionOffset(id), h.sectionLength(id));
  }
}
