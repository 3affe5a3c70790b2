package io.hnsw4j.graph;

import io.hnsw4j.internal.Limits;
import io.hnsw4j.vector.ChunkShape;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The mutable layered graph in flat int blocks: no object per node.
 *
 * <ul>
 *   <li>Layer 0: one block per chunk of nodes, {@code 1 + 2M} ints per node: the count, then the
 *       neighbour ordinals.
 *   <li>Upper layers: an append-only arena; a node of level L owns L consecutive blocks of {@code 2
 *       + M} ints (layers 1..L): the count, M neighbour slots, then its tree parent on that layer.
 *   <li>Per node info: {@code [level | flags, arena offset, tree parent on layer 0]}.
 * </ul>
 *
 * <p>The tree parents (see {@link SpanningTrees}) pin one in-link of every node on every layer, so
 * that pruning never cuts a node off: the links from a parent to its children form a tree rooted
 * at the entry point.
 *
 * <p>Concurrency: a writer changes a neighbour list only under {@link #lockFor(int)}, writing the
 * entries and then the count with release semantics; readers take no lock and read with acquire
 * semantics. Every ordinal a reader can find was therefore published with its vector and info
 * before it became reachable. A reader may see a list in the middle of an update: each entry it
 * sees is still a valid node, which is all a search needs.
 */
public final class HeapGraph implements GraphView {
  static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
  private static final VarHandle NODE_COUNT;

  static {
    try {
      NODE_COUNT = MethodHandles.lookup().findVarHandle(HeapGraph.class, "nodeCount", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
  private static final int DELETED = 1 << 8;
  /** A removed node already unlinked by a repair: its slot waits for reuse. Implies DELETED. */
  private static final int FREE = 1 << 9;
  private static final int LEVEL_MASK = 0xff;
  /** Highest level a node can get; P(level >= 32) is below 1e-9 even for M = 2. */
  public static final int MAX_LEVEL = Limits.MAX_LEVEL;
  private static final int LOCK_STRIPES = 1 << 12;
  /** Ints of per-node info: level and flags, arena offset, tree parent on layer 0. */
  private static final int INFO_INTS = 3;

  private final int m;
  private final int maxDegree0;
  private final int stride0;
  private final int strideUpper;
  private final int shift;
  private final int mask;
  private final int arenaShift;
  private final Object[] locks = new Object[LOCK_STRIPES];

  private volatile int[][] level0 = new int[0][];
  private volatile int[][] info = new int[0][];
  private volatile int[][] arena = new int[0][];
  private final Object arenaLock = new Object();
  private int arenaTop; // guarded by arenaLock
  private volatile int nodeCount;
  /** Packed (maxLevel << 32 | entry node); -1 when empty. */
  private volatile long entry = -1L;

  public HeapGraph(int m, ChunkShape shape) {
    this.m = m;
    this.maxDegree0 = 2 * m;
    this.stride0 = 1 + maxDegree0;
    this.strideUpper = 2 + m;
    this.shift = shape.shift();
    this.mask = shape.mask();
    // An arena chunk holds at least one node of the top level (its blocks never straddle chunks).
    int minArena = (MAX_LEVEL + 1) * strideUpper;
    this.arenaShift = Math.max(16, 32 - Integer.numberOfLeadingZeros(minArena - 1));
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  public int m() {
    return m;
  }

  // ---- reads (lock-free) ----

  @Override
  public int nodeCount() {
    return nodeCount;
  }

  @Override
  public int entryPoint() {
    long e = entry;
    return e < 0 ? -1 : (int) e;
  }

  @Override
  public int maxLevel() {
    long e = entry;
    return e < 0 ? -1 : (int) (e >>> 32);
  }

  @Override
  public long entry() {
    return entry;
  }

  @Override
  public int level(int node) {
    return infoWord(node, 0) & LEVEL_MASK;
  }

  @Override
  public boolean isDeleted(int node) {
    return (infoWord(node, 0) & DELETED) != 0;
  }

  @Override
  public boolean isFree(int node) {
    return (infoWord(node, 0) & FREE) != 0;
  }

  /** Raw info word: level in the low byte, then the removed and free flags (the file format). */
  public int infoWord(int node) {
    return infoWord(node, 0);
  }

  int upperOffset(int node) {
    return infoWord(node, 1);
  }

  private int infoWord(int node, int word) {
    return (int) INTS.getAcquire(info[node >>> shift], (node & mask) * INFO_INTS + word);
  }

  /** The node's tree parent on {@code level}, or -1 for the root and for nodes not yet attached. */
  public int parent(int node, int level) {
    if (level == 0) {
      return infoWord(node, 2);
    }
    int offset = upperListOffset(node, level);
    return (int) INTS.getAcquire(arena[offset >>> arenaShift], (offset & ((1 << arenaShift) - 1)) + 1 + m);
  }

  /**
   * Sets the node's tree parent on {@code level}. Set it before the parent's link to the node is
   * written, so that a pruner that finds the link also finds it pinned.
   */
  public void setParent(int node, int level, int parent) {
    if (level == 0) {
      INTS.setRelease(info[node >>> shift], (node & mask) * INFO_INTS + 2, parent);
      return;
    }
    int offset = upperListOffset(node, level);
    INTS.setRelease(arena[offset >>> arenaShift], (offset & ((1 << arenaShift) - 1)) + 1 + m, parent);
  }

  @Override
  public int maxDegree(int level) {
    return level == 0 ? maxDegree0 : m;
  }

  @Override
  public int neighbors(int node, int level, int[] dest) {
    long list = listAt(node, level);
    int[] block = listArray(level, list);
    int base = (int) list;
    // The acquire of the count orders the entry reads after it; the entries are then copied in
    // bulk. An entry rewritten meanwhile is still some published node, which is all a search needs.
    int count = (int) INTS.getAcquire(block, base);
    System.arraycopy(block, base + 1, dest, 0, count);
    return count;
  }

  @Override
  public int unvisitedNeighbors(int node, int level, VisitedSet visited, int[] dest, int at) {
    long list = listAt(node, level);
    int[] block = listArray(level, list);
    int base = (int) list;
    int count = (int) INTS.getAcquire(block, base); // orders the plain entry reads after it
    for (int i = base + 1; i <= base + count; i++) {
      int neighbor = block[i];
      dest[at] = neighbor; // kept only if not seen before (VisitedSet.visitCount)
      at += visited.visitCount(neighbor);
    }
    return at;
  }

  @Override
  public int prefetchLinks(int node, int level) {
    long list = listAt(node, level);
    return listArray(level, list)[(int) list]; // a plain read: only the cache line matters
  }

  /** Where the list of {@code node} on upper {@code level} starts in the arena. */
  private int upperListOffset(int node, int level) {
    return upperOffset(node) + (level - 1) * strideUpper;
  }

  /**
   * Where the list (count, then entries) of {@code node} on {@code level} is: the index of its
   * array ({@link #listArray}) in the high half, its start in that array in the low half. The
   * node's upper offset is read once, since a reuse of the slot may change it under a reader.
   */
  private long listAt(int node, int level) {
    if (level == 0) {
      return ((long) (node >>> shift) << 32) | ((node & mask) * stride0);
    }
    int offset = upperListOffset(node, level);
    return ((long) (offset >>> arenaShift) << 32) | (offset & ((1 << arenaShift) - 1));
  }

  /** The array a {@link #listAt} result points into. */
  private int[] listArray(int level, long list) {
    return (level == 0 ? level0 : arena)[(int) (list >>> 32)];
  }

  // ---- writes ----

  /** The lock guarding the neighbour lists of {@code node}; never held while taking another. */
  public Object lockFor(int node) {
    return locks[node & (LOCK_STRIPES - 1)];
  }

  /** Replaces the neighbours of {@code node} on {@code level}; the caller holds its lock. */
  public void setNeighbors(int node, int level, int[] src, int count) {
    long list = listAt(node, level);
    int[] block = listArray(level, list);
    int base = (int) list;
    for (int i = 0; i < count; i++) {
      INTS.setRelease(block, base + 1 + i, src[i]);
    }
    INTS.setRelease(block, base, count);
  }

  /**
   * Prepares slot {@code node} for a node of {@code level} with empty neighbour lists and no tree
   * parents, and makes nodeCount cover it. The node is reachable only once linked. Threads may
   * prepare different slots at once: only growing the arrays and the upper-layer arena take a
   * lock.
   */
  public void initNode(int node, int level) {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("level out of range: " + level);
    }
    if (!hasCapacity(node)) {
      ensureCapacity(node + 1);
    }
    int[] infoChunk = info[node >>> shift];
    int slot = (node & mask) * INFO_INTS;
    // A free slot keeps its upper blocks when they are deep enough; a new slot reads level 0.
    int oldLevel = infoChunk[slot] & LEVEL_MASK;
    int offset = infoChunk[slot + 1];
    if (level > oldLevel) {
      offset = allocateUpper(level);
    }
    int[] block0 = level0[node >>> shift];
    INTS.setRelease(block0, (node & mask) * stride0, 0);
    for (int l = 1; l <= level; l++) {
      int o = offset + (l - 1) * strideUpper;
      int[] block = arena[o >>> arenaShift];
      int base = o & ((1 << arenaShift) - 1);
      INTS.setRelease(block, base, 0);
      INTS.setRelease(block, base + 1 + m, -1);
    }
    INTS.setRelease(infoChunk, slot + 2, -1);
    INTS.setRelease(infoChunk, slot + 1, offset);
    INTS.setRelease(infoChunk, slot, level);
    for (int count = nodeCount; node >= count; count = nodeCount) {
      if (NODE_COUNT.compareAndSet(this, count, node + 1)) {
        break;
      }
    }
  }

  /** Whether the chunks of {@code node} exist (read without a lock). */
  private boolean hasCapacity(int node) {
    int chunk = node >>> shift;
    int[][] l0 = level0; // written after info, so info has the chunk too
    return chunk < l0.length && l0[chunk] != null;
  }

  public void markDeleted(int node, boolean deleted) {
    int[] chunk = info[node >>> shift];
    int slot = (node & mask) * INFO_INTS;
    synchronized (lockFor(node)) {
      int word = (int) INTS.getAcquire(chunk, slot);
      INTS.setRelease(chunk, slot, deleted ? word | DELETED : word & ~(DELETED | FREE));
    }
  }

  /** Empties every list of a removed node, drops its tree parents and marks its slot free. */
  public void markFree(int node) {
    int[] chunk = info[node >>> shift];
    int slot = (node & mask) * INFO_INTS;
    synchronized (lockFor(node)) {
      for (int level = 0; level <= level(node); level++) {
        setNeighbors(node, level, new int[0], 0);
        setParent(node, level, -1);
      }
      int word = (int) INTS.getAcquire(chunk, slot);
      INTS.setRelease(chunk, slot, word | DELETED | FREE);
    }
  }

  /** Makes {@code node} the entry point at {@code level}; pass -1 to empty the graph. */
  public void setEntry(int node, int level) {
    entry = node < 0 ? -1L : ((long) level << 32) | node;
  }

  /** Reserves room for nodes [0, nodes). Chunks already handed out never move. */
  public synchronized void ensureCapacity(int nodes) {
    int needed = (int) ((nodes + (long) mask) >>> shift);
    if (needed == 0 || hasCapacity((needed - 1) << shift)) {
      return;
    }
    // Copy on write: readers hold the old arrays, which stay valid; the new ones are published
    // whole, info before level0 (hasCapacity reads level0 and then trusts info).
    int length = level0.length;
    if (needed > length) {
      length = Math.max(needed, length + (length >> 1));
    }
    int[][] l0 = Arrays.copyOf(level0, length);
    int[][] in = Arrays.copyOf(info, l0.length);
    for (int c = 0; c < needed; c++) {
      if (l0[c] == null) {
        l0[c] = new int[(mask + 1) * stride0];
        in[c] = new int[(mask + 1) * INFO_INTS];
      }
    }
    info = in;
    level0 = l0;
  }


  private int allocateUpper(int level) {
    synchronized (arenaLock) {
      return allocateUpperLocked(level);
    }
  }

  private int allocateUpperLocked(int level) {
    int size = level * strideUpper;
    int chunkSize = 1 << arenaShift;
    int start = arenaTop;
    if ((start & (chunkSize - 1)) + size > chunkSize) {
      start = (start + chunkSize - 1) & -chunkSize; // blocks never straddle two chunks
    }
    int chunkIndex = start >>> arenaShift;
    if (chunkIndex >= arena.length) {
      int[][] grown = Arrays.copyOf(arena, chunkIndex + 1);
      for (int c = arena.length; c < grown.length; c++) {
        grown[c] = new int[chunkSize];
      }
      arena = grown;
    }
    arenaTop = start + size;
    return start;
  }

  /** Bytes held by links and per-node info (allocated, not just used). */
  @Override
  public long memoryBytes() {
    long bytes = 0;
    for (int[][] blocks : new int[][][] {level0, info, arena}) {
      for (int[] c : blocks) {
        bytes += c == null ? 0 : 16L + 4L * c.length;
      }
    }
    return bytes + 8L * (level0.length + info.length + arena.length) + 16L * LOCK_STRIPES;
  }
}
