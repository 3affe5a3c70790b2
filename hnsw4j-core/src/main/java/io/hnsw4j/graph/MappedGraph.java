package io.hnsw4j.graph;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A read-only graph over the sections of a memory-mapped index file (layout in {@code
 * io.hnsw4j.format.FileHeader}). The open validates every list before this is used; reads stay
 * defensive all the same (a count is clamped, links to non-nodes are skipped), so even a file
 * changed after the open can never cause an out-of-bounds read.
 */
public final class MappedGraph implements GraphView {
  private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final int DELETED = 1 << 8;

  private final MemorySegment info;
  private final MemorySegment level0;
  private final MemorySegment upper;
  private final int nodes;
  private final int m;
  private final int entry;
  private final int top;

  public MappedGraph(MemorySegment info, MemorySegment level0, MemorySegment upper, int nodes, int m, int entry, int top) {
    this.info = info;
    this.level0 = level0;
    this.upper = upper;
    this.nodes = nodes;
    this.m = m;
    this.entry = entry;
    this.top = top;
  }

  @Override
  public int nodeCount() {
    return nodes;
  }

  @Override
  public int entryPoint() {
    return entry;
  }

  @Override
  public int maxLevel() {
    return top;
  }

  @Override
  public int level(int node) {
    return info.get(LE_INT, (long) node * 8) & 0xff;
  }

  @Override
  public boolean isDeleted(int node) {
    return (info.get(LE_INT, (long) node * 8) & DELETED) != 0;
  }

  /** Bytes mapped for links and node info (in the page cache, not on the heap). */
  @Override
  public long memoryBytes() {
    return info.byteSize() + level0.byteSize() + upper.byteSize();
  }

  @Override
  public boolean isFree(int node) {
    return (info.get(LE_INT, (long) node * 8) & (1 << 9)) != 0;
  }

  @Override
  public int maxDegree(int level) {
    return level == 0 ? 2 * m : m;
  }

  @Override
  public int neighbors(int node, int level, int[] dest) {
    long base = listBase(node, level);
    if (base < 0) {
      return 0;
    }
    MemorySegment block = level == 0 ? level0 : upper;
    int count = Math.clamp(block.get(LE_INT, base), 0, maxDegree(level));
    int n = 0;
    for (int i = 0; i < count; i++) {
      int neighbor = block.get(LE_INT, base + 4L * (1 + i));
      if (neighbor >= 0 && neighbor < nodes) {
        dest[n++] = neighbor;
      }
    }
    return n;
  }

  @Override
  public int prefetchLinks(int node, int level) {
    long base = listBase(node, level);
    return base < 0 ? 0 : (level == 0 ? level0 : upper).get(LE_INT, base);
  }

  @Override
  public int unvisitedNeighbors(int node, int level, VisitedSet visited, int[] dest, int at) {
    long base = listBase(node, level);
    if (base < 0) {
      return at;
    }
    MemorySegment block = level == 0 ? level0 : upper;
    int count = Math.clamp(block.get(LE_INT, base), 0, maxDegree(level));
    for (int i = 0; i < count; i++) {
      int neighbor = block.get(LE_INT, base + 4L * (1 + i));
      if (neighbor >= 0 && neighbor < nodes) { // never false in a file that passed its checks
        dest[at] = neighbor; // kept only if not seen before (VisitedSet.visitCount)
        at += visited.visitCount(neighbor);
      }
    }
    return at;
  }

  /** Byte offset of the list of {@code node} on {@code level} (count, then entries), or -1 if out of the file. */
  private long listBase(int node, int level) {
    if (level == 0) {
      return (long) node * (1 + maxDegree(0)) * 4;
    }
    long base = ((long) info.get(LE_INT, (long) node * 8 + 4) + (long) (level - 1) * (1 + m)) * 4;
    return base < 0 || base + (1L + m) * 4 > upper.byteSize() ? -1 : base;
  }
}
