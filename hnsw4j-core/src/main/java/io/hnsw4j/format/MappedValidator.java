package io.hnsw4j.format;

import io.hnsw4j.graph.GraphView;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Checks the structure of a memory-mapped index file before it is served, since a mapped open
 * does not read the payload checksum (that would read every vector byte). One pass over the node
 * table, the neighbour lists, the ids and the id table, then a walk of layer 0; the vectors are
 * never read. It checks what {@link StructureRules} lists, plus the id table: every entry points to a
 * live node, there are as many entries as live nodes, and probing the table for each live node's
 * id finds that node first (so no id is stored twice). Afterwards every id a search or a lookup
 * can return is one of the index's ids.
 */
final class MappedValidator {
  private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final FileHeader h;
  private final StructureRules rules;

  private MappedValidator(Path file, FileHeader h) {
    this.h = h;
    this.rules = new StructureRules(file, h);
  }

  /**
   * Validates the mapped sections of {@code file}; {@code graph} is the view over them, used for
   * the walk once its lists are known to be sound.
   */
  static void validate(Path file, FileHeader h, MemorySegment all, GraphView graph) throws FormatException {
    MappedValidator validator = new MappedValidator(file, h);
    validator.checkNodes(h.section(all, FileHeader.SECTION_NODE_INFO));
    validator.checkLayer0(h.section(all, FileHeader.SECTION_LEVEL0));
    validator.checkUpperLayers(h.section(all, FileHeader.SECTION_UPPER));
    validator.checkIds(h.section(all, FileHeader.SECTION_IDS), h.section(all, FileHeader.SECTION_ID_TABLE));
    validator.rules.checkReachable(graph);
  }

  private void checkNodes(MemorySegment info) throws FormatException {
    for (int node = 0; node < h.nodeCount(); node++) {
      rules.node(node, info.get(LE_INT, node * 8L), info.get(LE_INT, node * 8L + 4));
    }
    rules.endOfNodes();
  }

  private void checkLayer0(MemorySegment level0) throws FormatException {
    int slots = 2 * h.config().m();
    int[] list = new int[slots];
    long stride = (1L + slots) * Integer.BYTES;
    for (int node = 0; node < h.nodeCount(); node++) {
      checkList(level0, node * stride, node, 0, list);
    }
  }

  /** Blocks lie in ordinal order without gaps ({@link StructureRules#node}), so one sweep reads them. */
  private void checkUpperLayers(MemorySegment upper) throws FormatException {
    int m = h.config().m();
    int[] list = new int[m];
    long position = 0;
    for (int node = 0; node < h.nodeCount(); node++) {
      for (int level = 1; level <= rules.level(node); level++) {
        checkList(upper, position, node, level, list);
        position += (1L + m) * Integer.BYTES;
      }
    }
  }

  private void checkList(MemorySegment block, long at, int node, int level, int[] list) throws FormatException {
    int count = block.get(LE_INT, at);
    rules.checkCount(node, level, count);
    MemorySegment.copy(block, LE_INT, at + Integer.BYTES, list, 0, count);
    rules.checkLinks(node, level, list, 0, count);
  }

  private void checkIds(MemorySegment ids, MemorySegment table) throws FormatException {
    rules.checkIdTable(slot -> table.get(LE_INT, slot * 4L), node -> ids.get(LE_LONG, node * 8L));
  }
}
