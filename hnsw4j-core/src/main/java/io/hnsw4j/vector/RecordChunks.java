package io.hnsw4j.vector;

import java.util.Arrays;

/**
 * One record of a fixed number of bytes per node, as the traversal codes keep them: a node's
 * header and codes in one run of bytes, so scoring a node touches one place in memory. Chunks
 * already handed out never move; growing copies the directory and publishes it whole.
 *
 * <p>The first reservation picks one of two layouts, kept for the life of the records:
 *
 * <ul>
 *   <li><b>packed</b>: records back to back in chunks of the index's {@link ChunkShape}. A record
 *       of 62 bytes (4-bit codes of 100 dimensions) then spans two cache lines almost always.
 *   <li><b>on lines</b>, for records of at most {@value #MAX_SLOT} bytes when the first
 *       reservation fills at least half a chunk: each record in a slot of the next power of two
 *       (16, 32, 64 or 128 bytes), in chunks whose objects are exactly one G1 heap region. G1
 *       starts such an object (a humongous one) on its region's boundary, so with the array
 *       header of {@value #ARRAY_HEADER} bytes every slot but the first lies on its line, and the
 *       first, one slot with no room before it, is kept in an array of its own. A scored node then
 *       costs one miss, not two (two, not three for records over a line): on the whole of
 *       glove-100 (340k, ef 240) a search was 1.16x faster with 4-bit codes and 1.21x with int8
 *       ones (one saved index, one JVM per build in turn, huge-page heap), on 384-d 1-bit codes
 *       1.05x. Under another collector, or another array header, the slots fall where the
 *       allocator puts them and a search is as fast as packed.
 * </ul>
 *
 * The region size is G1's own choice for the heap (the maximum heap over 2048 rounded up to a
 * power of two, from 1 to 32 MiB: 8 MiB for a heap of 12 GiB), or the system property {@value
 * #REGION_PROPERTY} where the heap's regions were set by hand; 0 there keeps every record packed.
 */
final class RecordChunks {
  /**
   * Record bytes above which scorers touch a batch's records ahead (see HeapVectorSpace). Lower
   * than for the floats: a search on codes also reads the links and reranks with the floats, so
   * codes of a few MiB already miss the caches. Forcing it on for 100k-vector sets (separate JVMs,
   * median QPS at the ef of recall 0.95, 2-3 rounds) gave int4 codes of 20 MiB (384-d) 5.4-5.6k ->
   * 8.5-9.4k, of 6 MiB (100-d) 1.9-2.4k -> 2.9-3.1k, 1-bit codes of 6 MiB (384-d, ef 80)
   * 4.3-4.7k -> 5.8-6.1k, int8 codes of 11 MiB (100-d) about +5%.
   */
  private static final long PREFETCH_ABOVE_BYTES = 2L << 20;

  /** A cache line. */
  static final int LINE = 64;
  /** The largest record given a slot on lines: two lines. */
  static final int MAX_SLOT = 2 * LINE;
  /** Bytes before a byte[]'s first element on HotSpot with compressed class pointers (the default). */
  static final int ARRAY_HEADER = 16;
  /** The G1 region size, in bytes, that chunks of records on lines are cut to (0: always packed). */
  static final String REGION_PROPERTY = "hnsw4j.recordRegionBytes";

  private final int recordBytes;
  private final ChunkShape packedShape;
  private final int regionBytes;
  private volatile Directory directory = Directory.NONE;

  RecordChunks(int recordBytes, ChunkShape shape) {
    this(recordBytes, shape, regionBytes());
  }

  /** @param regionBytes the size of chunks of records on lines; 0 or below: always packed */
  RecordChunks(int recordBytes, ChunkShape shape, int regionBytes) {
    this.recordBytes = recordBytes;
    this.packedShape = shape;
    this.regionBytes = regionBytes;
  }

  /**
   * The region size G1 picks for this heap, or as the system property says.
   *
   * @throws IllegalArgumentException if the property is set but not a whole number
   */
  static int regionBytes() {
    String set = System.getProperty(REGION_PROPERTY);
    if (set != null) {
      try {
        return Integer.parseInt(set.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "system property " + REGION_PROPERTY + " must be a number of bytes (a power of two, or 0 to keep"
                + " records packed), got \"" + set + "\"", e);
      }
    }
    // As G1 sizes its regions: the maximum heap over 2048, clamped, rounded up to a power of two.
    long perRegion = Math.clamp(Runtime.getRuntime().maxMemory() / 2048, 1L << 20, 32L << 20);
    return (int) (Long.highestOneBit(perRegion - 1) << 1);
  }

  /**
   * Where the records are and how a node finds its own: node n is in chunk n >>> shift, at
   * {@code (n & mask) * slot - lead}, except the first of each chunk, at 0 of {@code firsts}.
   * Packed, {@code firsts} is {@code chunks} and the lead is 0.
   */
  record Directory(byte[][] chunks, byte[][] firsts, int shift, int slot, int lead) {
    static final Directory NONE = new Directory(new byte[0][], new byte[0][], 0, 0, 0);

    int mask() {
      return (1 << shift) - 1;
    }

    boolean lined() {
      return lead != 0;
    }

    /** The array holding the record of {@code node}, which must have room. */
    byte[] chunkOf(int node) {
      return ((node & mask()) == 0 ? firsts : chunks)[node >>> shift];
    }

    /** Where the record of {@code node} starts in {@link #chunkOf}. */
    int offsetOf(int node) {
      int local = node & mask();
      return local == 0 ? 0 : local * slot - lead;
    }

    /** Whether nodes [0, nodes) have their chunks. */
    boolean holds(int nodes) {
      if (nodes <= 0) {
        return true;
      }
      if (slot == 0) {
        return false;
      }
      int needed = (int) ((nodes + (long) mask()) >>> shift);
      return needed <= chunks.length && chunks[needed - 1] != null;
    }
  }

  /** Makes room for nodes [0, nodes). */
  void ensureCapacity(int nodes) {
    if (!directory.holds(nodes)) {
      grow(nodes);
    }
  }

  private synchronized void grow(int nodes) {
    Directory d = directory;
    if (d.holds(nodes)) {
      return;
    }
    if (d.slot() == 0) {
      d = firstLayout(nodes);
    }
    int needed = (int) ((nodes + (long) d.mask()) >>> d.shift());
    byte[][] c = d.chunks();
    int length = needed > c.length ? Math.max(needed, c.length + (c.length >> 1)) : c.length;
    c = Arrays.copyOf(c, length);
    byte[][] f = d.lined() ? Arrays.copyOf(d.firsts(), length) : c;
    int chunkBytes = d.lined() ? regionBytes - ARRAY_HEADER : (d.mask() + 1) * recordBytes;
    for (int i = 0; i < needed; i++) {
      if (c[i] == null) {
        c[i] = new byte[chunkBytes];
        if (d.lined()) {
          f[i] = new byte[recordBytes];
        }
      }
    }
    directory = new Directory(c, f, d.shift(), d.slot(), d.lead());
  }

  /**
   * On lines if the records fit two lines, the region is a power of two and the first reservation
   * fills at least half a chunk (so at most one chunk's tail is unused, and no more than the
   * records take); else packed.
   */
  private Directory firstLayout(int nodes) {
    int slot = Math.max(16, Integer.highestOneBit(recordBytes - 1) << 1);
    boolean lined = recordBytes <= MAX_SLOT
        && Integer.bitCount(regionBytes) == 1
        && regionBytes >= 2 * slot
        && nodes >= regionBytes / slot / 2;
    if (lined) {
      int shift = Integer.numberOfTrailingZeros(regionBytes / slot);
      return new Directory(new byte[0][], new byte[0][], shift, slot, ARRAY_HEADER);
    }
    byte[][] none = new byte[0][];
    return new Directory(none, none, packedShape.shift(), recordBytes, 0);
  }

  /** Bytes of one node's record. */
  int recordBytes() {
    return recordBytes;
  }

  /** Whether the records sit in slots on cache lines (see the class comment). */
  boolean lined() {
    return directory.lined();
  }

  /** The chunk holding the record of {@code node}, which must have room. */
  byte[] chunkOf(int node) {
    return directory.chunkOf(node);
  }

  /** Where the record of {@code node} starts in {@link #chunkOf}. */
  int offsetOf(int node) {
    return directory.offsetOf(node);
  }

  /** Bytes held. */
  long memoryBytes() {
    Directory d = directory;
    long bytes = 16L + 8L * d.chunks().length;
    for (byte[] chunk : d.chunks()) {
      bytes += chunk == null ? 0 : 16L + chunk.length;
    }
    if (d.lined()) {
      bytes += 16L + 8L * d.firsts().length;
      for (byte[] first : d.firsts()) {
        bytes += first == null ? 0 : 16L + first.length;
      }
    }
    return bytes;
  }

  /**
   * Reads the records for one query: finds a node's chunk (from the directory it saw last, or the
   * current one if the records grew since), and touches a batch's records ahead on a large index.
   * Used by one thread.
   */
  abstract static class Scorer implements NodeScorer {
    private final RecordChunks records;
    private final int recordBytes;
    private final boolean prefetching;
    // The directory last seen, in fields of their own for the hot path, which repeats
    // Directory.chunkOf and offsetOf on them.
    private byte[][] chunks;
    private byte[][] firsts;
    private int shift;
    private int mask;
    private int slot;
    private int lead;
    private int touched;

    Scorer(RecordChunks records) {
      this.records = records;
      this.recordBytes = records.recordBytes;
      see(records.directory);
      long bytes = 0;
      for (byte[] chunk : chunks) {
        bytes += chunk == null ? 0 : chunk.length;
      }
      this.prefetching = bytes > PREFETCH_ABOVE_BYTES;
    }

    private void see(Directory d) {
      chunks = d.chunks();
      firsts = d.firsts();
      shift = d.shift();
      mask = d.mask();
      slot = d.slot();
      lead = d.lead();
    }

    /** The chunk holding the record of {@code node}; {@link #offset} says where in it. */
    final byte[] chunk(int node) {
      int chunk = node >>> shift;
      byte[][] c = chunks;
      if (chunk >= c.length || c[chunk] == null) {
        see(records.directory); // grown since this scorer was made
        chunk = node >>> shift;
        c = chunks;
      }
      return (node & mask) == 0 ? firsts[chunk] : c[chunk];
    }

    /** Where the record of {@code node} starts in its {@link #chunk}, called after it. */
    final int offset(int node) {
      int local = node & mask;
      return local == 0 ? 0 : local * slot - lead;
    }

    @Override
    public final void prefetch(int[] nodes, int count) {
      if (!prefetching) {
        return;
      }
      int bits = 0;
      byte[][] c = chunks;
      for (int i = 0; i < count; i++) {
        int node = nodes[i];
        int chunk = node >>> shift;
        if (chunk >= c.length || c[chunk] == null) {
          continue; // grown since: scored without the hint
        }
        byte[] block = (node & mask) == 0 ? firsts[chunk] : c[chunk];
        int start = offset(node);
        for (int j = start; j < start + recordBytes; j += LINE) {
          bits ^= block[j];
        }
      }
      touched = bits;
    }
  }
}
