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

/**
 * Maps the sections of an index file whose header and footer were checked, and validates their
 * structure ({@link MappedValidator}) before handing them out.
 */
final class MappedOpener {
  private MappedOpener() {}

  static MappedParts open(Path file, FileChannel channel, FileHeader h, VectorMetric metric) throws IOException {
    Arena arena = Arena.ofShared();
    try {
      MemorySegment all = channel.map(FileChannel.MapMode.READ_ONLY, 0, h.fileLength(), arena);
      StoredConfig config = h.config();
      VectorSpace vectors =
          new MappedVectorSpace(h.section(all, FileHeader.SECTION_VECTORS), config.dimension(), metric);
      MappedGraph graph = graph(all, h);
      MappedIdLookup ids =
          new MappedIdLookup(
              h.section(all, FileHeader.SECTION_IDS),
              h.section(all, FileHeader.SECTION_ID_TABLE),
              h.nodeCount(),
              h.liveCount());
      MappedValidator.validate(file, h, all, graph);
      float[] rotation = RotationSection.read(file, all, h);
      TraversalRecords codes = TraversalSection.read(file, all, h);
      return new MappedParts(config, vectors, graph, ids, h.removedCount(), arena, rotation, codes);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  /** Checks the structure of a file without serving it. */
  static void validate(Path file, FileChannel channel, FileHeader h) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment all = channel.map(FileChannel.MapMode.READ_ONLY, 0, h.fileLength(), arena);
      MappedValidator.validate(file, h, all, graph(all, h));
      RotationSection.read(file, all, h);
      TraversalSection.read(file, all, h);
    }
  }

  private static MappedGraph graph(MemorySegment all, FileHeader h) {
    return new MappedGraph(
        h.section(all, FileHeader.SECTION_NODE_INFO),
        h.section(all, FileHeader.SECTION_LEVEL0),
        h.section(all, FileHeader.SECTION_UPPER),
        h.nodeCount(),
        h.config().m(),
        h.entryPoint(),
        h.maxLevel());
  }
}
