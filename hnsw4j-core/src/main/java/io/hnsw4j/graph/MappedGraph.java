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
    MemorySegment block;
    long base;
    int max = maxDegree(level);
    if (level == 0) {
      block = level0;
      base = (long) node * (1 + max) * 4;
    } else {
      block = upper;
      base = ((long) info.get(LE_INT, (long) node * 8 + 4) + (long) (level - 1) * (1 + m)) * 4;
      if (base < 0 || base + (1L + m) * 4 > upper.byteSize()) {
        return 0;
      }
    }
    int count = Math.clamp(block.get(LE_INT, base), 0, max);
    int n = 0;
    for (int i = 0; i < count; i++) {
      int neighbor = block.get(LE_INT, base + 4L * (1 + i));
      if (neighbor >= 0 && neighbor < nodes) {
        dest[n++] = neighbor;
      }
    }
    return n;
  }
}
