package io.hnsw4j.format;

import io.hnsw4j.graph.GraphView;
import io.hnsw4j.internal.IdMap;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/**
 * The rules the structure of an index file must follow, checked by both readers (onto the heap
 * and mapped) as they meet the node table, the neighbour lists and the id table, so that a file
 * whose checksums were recomputed over damage is refused instead of served. The caller feeds
 * every node's info word first ({@link #node}, then {@link #endOfNodes}), then every list
 * ({@link #checkCount}, {@link #checkLinks}), then the id table ({@link #checkIdTable}), then
 * asks for {@link #checkReachable}. Memory: about 1.5 bytes per node.
 */
final class StructureRules {
  private static final byte STATE_LEVEL = 0x1f;
  private static final byte STATE_DELETED = 0x20;
  private static final byte STATE_FREE = 0x40;

  private final Path file;
  private final FileHeader header;
  private final int nodes;
  private final int m;
  /** Per node: level (5 bits), removed, free. */
  private final byte[] state;
  /** The current list's targets, to find a duplicate in one pass; cleared after each list. */
  private final long[] inList;
  private long upperEnd;
  private int removed;
  private int live;

  StructureRules(Path file, FileHeader header) {
    this.file = file;
    this.header = header;
    this.nodes = header.nodeCount();
    this.m = header.config().m();
    this.state = new byte[nodes];
    this.inList = new long[(nodes + 63) >>> 6];
  }

  /**
   * Checks node {@code node}'s info word and the offset of its upper-layer blocks (in ints). Blocks
   * follow one another in ordinal order with no gap, as the writer lays them out; so no two nodes
   * share links, and the upper layers can never claim more than the section holds.
   */
  void node(int node, int word, int upperOffset) throws FormatException {
    int level = word & FileHeader.NODE_LEVEL_MASK;
    boolean deleted = (word & FileHeader.NODE_DELETED) != 0;
    boolean free = (word & FileHeader.NODE_FREE) != 0;
    if ((word & ~(FileHeader.NODE_LEVEL_MASK | FileHeader.NODE_DELETED | FileHeader.NODE_FREE)) != 0) {
      throw corrupt("node " + node + " has unknown flags in its level word 0x" + Integer.toHexString(word));
    }
    if (level > Math.max(header.maxLevel(), 0)) {
      throw corrupt("node " + node + " has level " + level + " above the top level " + header.maxLevel());
    }
    if (free && (!deleted || level != 0)) {
      throw corrupt("free slot " + node + " is " + (deleted ? "at level " + level : "not marked removed"));
    }
    if (level > 0) {
      if (upperOffset != upperEnd) {
        throw corrupt("node " + node + " has its upper links at " + upperOffset + ", expected " + upperEnd);
      }
      upperEnd += (long) level * (1 + m);
      if (upperEnd > header.upperLength()) {
        throw corrupt("node " + node + " has upper links outside their section");
      }
    }
    state[node] = (byte) (level | (deleted ? STATE_DELETED : 0) | (free ? STATE_FREE : 0));
    removed += deleted && !free ? 1 : 0;
    live += deleted ? 0 : 1;
  }

  /** After the last node: the counts and the entry point against the header. */
  void endOfNodes() throws FormatException {
    if (upperEnd != header.upperLength()) {
      throw corrupt("the upper-layer section holds " + header.upperLength() + " ints, the nodes use " + upperEnd);
    }
    if (removed != header.removedCount()) {
      throw corrupt("header counts " + header.removedCount() + " removed nodes, the node table " + removed);
    }
    if (live != header.liveCount()) {
      throw corrupt("header counts " + header.liveCount() + " live vectors, the node table " + live);
    }
    int entry = header.entryPoint();
    if (entry >= 0 && (level(entry) != header.maxLevel() || isFree(entry))) {
      throw corrupt("entry point " + entry + (isFree(entry) ? " is a free slot" : " is not on the top level " + header.maxLevel()));
    }
  }

  int level(int node) {
    return state[node] & STATE_LEVEL;
  }

  boolean isDeleted(int node) {
    return (state[node] & STATE_DELETED) != 0;
  }

  boolean isFree(int node) {
    return (state[node] & STATE_FREE) != 0;
  }

  /** Removed nodes still linked (free slots not counted). */
  int removed() {
    return removed;
  }

  /** A list's count: within the level's maximum degree, and zero for a free slot. */
  void checkCount(int node, int level, int count) throws FormatException {
    int max = level == 0 ? 2 * m : m;
    if (count < 0 || count > max) {
      throw corrupt("node " + node + " has " + count + " links on level " + level + " (at most " + max + ")");
    }
    if (count > 0 && isFree(node)) {
      throw corrupt("free slot " + node + " still has " + count + " links");
    }
  }

  /**
   * The links {@code links[from, from + count)} of {@code node} on {@code level}: each an existing
   * node other than itself, not a free slot, present on that level, and none twice.
   */
  void checkLinks(int node, int level, int[] links, int from, int count) throws FormatException {
    for (int i = from; i < from + count; i++) {
      int target = links[i];
      if (target < 0 || target >= nodes) {
        throw corrupt("node " + node + " links to non-node " + target + " on level " + level);
      }
      if (target == node) {
        throw corrupt("node " + node + " links to itself on level " + level);
      }
      if (isFree(target)) {
        throw corrupt("node " + node + " links to free slot " + target + " on level " + level);
      }
      if (level(target) < level) {
        throw corrupt("node " + node + " links on level " + level + " to node " + target + " of level " + level(target));
      }
      long bit = 1L << target;
      if ((inList[target >>> 6] & bit) != 0) {
        clear(links, from, i);
        throw corrupt("node " + node + " links twice to " + target + " on level " + level);
      }
      inList[target >>> 6] |= bit;
    }
    clear(links, from, from + count);
  }

  private void clear(int[] links, int from, int to) {
    for (int i = from; i < to; i++) {
      inList[links[i] >>> 6] = 0;
    }
  }

  /**
   * The id table against the ids: every entry points to a live node, there are as many entries as
   * live nodes, and probing the table for each live node's id, as a lookup does, meets that node
   * before any other holding the same id. With as many entries as live nodes, that also proves no
   * entry is repeated: every id a lookup or a listing can give is one of the index's.
   *
   * @param entryAt the table's slot i (ordinal + 1, 0 = empty)
   * @param idOf the id of a live node
   */
  void checkIdTable(IntUnaryOperator entryAt, IntToLongFunction idOf) throws FormatException {
    int slots = header.idTableSlots();
    int entries = 0;
    for (int slot = 0; slot < slots; slot++) {
      int entry = entryAt.applyAsInt(slot);
      if (entry == 0) {
        continue;
      }
      if (entry < 0 || entry > nodes) {
        throw corrupt("id table slot " + slot + " points to non-node " + (entry - 1));
      }
      if (isDeleted(entry - 1)) {
        throw corrupt("id table slot " + slot + " points to removed node " + (entry - 1));
      }
      entries++;
    }
    if (entries != live) {
      throw corrupt("the id table holds " + entries + " entries for " + live + " live vectors");
    }
    int mask = slots - 1;
    for (int node = 0; node < nodes; node++) {
      if (isDeleted(node)) {
        continue;
      }
      long id = idOf.applyAsLong(node);
      int slot = IdMap.slotOf(id, mask);
      // Terminates: there are fewer entries than slots (checked with the header).
      for (int entry = entryAt.applyAsInt(slot); entry != node + 1; entry = entryAt.applyAsInt(slot)) {
        if (entry == 0) {
          throw corrupt("id " + id + " of node " + node + " is missing from the id table");
        }
        if (idOf.applyAsLong(entry - 1) == id) {
          throw corrupt("id " + id + " appears twice (nodes " + (entry - 1) + " and " + node + ")");
        }
        slot = (slot + 1) & mask;
      }
    }
  }

  /**
   * Every live node reachable on layer 0 from the entry point; {@code graph}'s lists are checked
   * already. A breadth-first walk kept in bitsets, one layer of the walk at a time in ordinal
   * order, so that the lists are read in ascending order (a mapped file's pages in sequence).
   */
  void checkReachable(GraphView graph) throws FormatException {
    int entry = header.entryPoint();
    int words = inList.length;
    long[] seen = new long[words];
    long[] frontier = new long[words];
    long[] next = new long[words];
    int[] buffer = new int[2 * m];
    if (entry >= 0) {
      seen[entry >>> 6] |= 1L << entry;
      frontier[entry >>> 6] |= 1L << entry;
    }
    for (boolean more = entry >= 0; more; ) {
      more = false;
      for (int w = 0; w < words; w++) {
        for (long bits = frontier[w]; bits != 0; bits &= bits - 1) {
          int count = graph.neighbors((w << 6) + Long.numberOfTrailingZeros(bits), 0, buffer);
          for (int i = 0; i < count; i++) {
            int target = buffer[i];
            long bit = 1L << target;
            if ((seen[target >>> 6] & bit) == 0) {
              seen[target >>> 6] |= bit;
              next[target >>> 6] |= bit;
              more = true;
            }
          }
        }
      }
      long[] done = frontier;
      frontier = next;
      next = done;
      Arrays.fill(next, 0);
    }
    int unreachable = 0;
    int first = -1;
    for (int node = 0; node < nodes; node++) {
      if (!isDeleted(node) && (seen[node >>> 6] & (1L << node)) == 0) {
        first = unreachable++ == 0 ? node : first;
      }
    }
    if (unreachable > 0) {
      throw corrupt(unreachable + " live node(s) unreachable from the entry point on layer 0, the first " + first);
    }
  }

  private FormatException corrupt(String problem) {
    return new FormatException(file, problem);
  }
}
