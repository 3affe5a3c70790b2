package io.hnsw4j.vector;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One record of a fixed number of bytes per node, as the traversal codes keep them: a node's
 * header and codes in one run of cache lines, so scoring a node touches one place in memory.
 * Chunks of 2^shift nodes as for the floats; chunks already handed out never move, and growing
 * copies the directory and publishes it whole.
 *
 * <p>The chunks are off the heap, 64-byte aligned, and each record takes a slot of {@link
 * #strideFor} bytes, so a record starts on a cache line and spans no more lines than its size
 * needs. A Java array cannot promise that (its elements start 16 bytes into an object that the GC
 * may move): a 62-byte record (4-bit codes of 100 dimensions) in a byte array spans two lines
 * almost always, and scoring random ones of 340k took 1.5-1.8x the time of line-aligned ones
 * (docs/benchmarks.md, "Records on cache lines"). The chunks are freed with the last reference
 * to them ({@link Arena#ofAuto()}).
 */
final class RecordChunks {
  /** A record's header floats, as the index file stores them. */
  static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private static final int LINE = 64;

  /**
   * Record bytes above which scorers touch a batch's records ahead (see HeapVectorSpace). Lower
   * than for the floats: a search on codes also reads the links and reranks with the floats, so
   * codes of a few MiB already miss the caches. Forcing it on for 100k-vector sets (separate JVMs,
   * median QPS at the ef of recall 0.95, 2-3 rounds) gave int4 codes of 20 MiB (384-d) 5.4-5.6k ->
   * 8.5-9.4k, of 6 MiB (100-d) 1.9-2.4k -> 2.9-3.1k, 1-bit codes of 6 MiB (384-d, ef 80)
   * 4.3-4.7k -> 5.8-6.1k, int8 codes of 11 MiB (100-d) about +5%.
   */
  private static final long PREFETCH_ABOVE_BYTES = 2L << 20;

  private final int recordBytes;
  private final int stride;
  private final int shift;
  private final int mask;
  private volatile MemorySegment[] chunks = new MemorySegment[0];

  RecordChunks(int recordBytes, ChunkShape shape) {
    this.recordBytes = recordBytes;
    this.stride = strideFor(recordBytes);
    this.shift = shape.shift();
    this.mask = shape.mask();
  }

  /**
   * The bytes a record of {@code recordBytes} takes in a chunk: up to a line, the next power of
   * two (so records never straddle a line: 62 bytes take 64), above it whole lines (112 take 128,
   * 204 take 256). At most 63 bytes more than the record.
   */
  static int strideFor(int recordBytes) {
    if (recordBytes <= 0) {
      throw new IllegalArgumentException("records of " + recordBytes + " bytes");
    }
    if (recordBytes <= LINE) {
      return recordBytes == 1 ? 1 : Integer.highestOneBit(recordBytes - 1) << 1;
    }
    return (recordBytes + LINE - 1) & -LINE;
  }

  /** Makes room for nodes [0, nodes). */
  void ensureCapacity(int nodes) {
    int needed = (int) ((nodes + (long) mask) >>> shift);
    MemorySegment[] current = chunks;
    if (needed == 0 || (needed <= current.length && current[needed - 1] != null)) {
      return;
    }
    grow(needed);
  }

  private synchronized void grow(int needed) {
    MemorySegment[] c = chunks;
    if (needed <= c.length && c[needed - 1] != null) {
      return;
    }
    int length = needed > c.length ? Math.max(needed, c.length + (c.length >> 1)) : c.length;
    c = Arrays.copyOf(c, length);
    for (int i = 0; i < needed; i++) {
      if (c[i] == null) {
        c[i] = newChunk();
      }
    }
    chunks = c;
  }

  /** A zeroed chunk. */
  private MemorySegment newChunk() {
    return Arena.ofAuto().allocate((long) (mask + 1) * stride, LINE);
  }

  /** Bytes of one node's record. */
  int recordBytes() {
    return recordBytes;
  }

  /**
   * The record rounded up to 16 bytes, which its slot always holds: a kernel may read this much
   * from a record's start in whole vector steps (16 bytes on AVX-512, 8 on AVX2), with zero
   * weights past the codes, and so run no scalar tail.
   */
  int span() {
    return Math.min((recordBytes + 15) & -16, stride);
  }

  /** Where the record of {@code node} starts in its chunk. */
  private long offsetOf(int node) {
    return (long) (node & mask) * stride;
  }

  /** Stores the {@link #recordBytes()} bytes of {@code record} as the record of {@code node}. */
  void write(int node, byte[] record) {
    MemorySegment.copy(record, 0, chunks[node >>> shift], ValueLayout.JAVA_BYTE, offsetOf(node), recordBytes);
  }

  /** Copies the record of {@code node} to {@code dest[offset, offset + recordBytes())}. */
  void read(int node, byte[] dest, int offset) {
    MemorySegment.copy(chunks[node >>> shift], ValueLayout.JAVA_BYTE, offsetOf(node), dest, offset, recordBytes);
  }

  /** Bytes held. */
  long memoryBytes() {
    MemorySegment[] c = chunks;
    long bytes = 16L + 8L * c.length;
    for (MemorySegment chunk : c) {
      bytes += chunk == null ? 0 : chunk.byteSize();
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
    private final int stride;
    private final int shift;
    private final int mask;
    private final boolean prefetching;
    private MemorySegment[] seen;
    private int touched;

    Scorer(RecordChunks records) {
      this.records = records;
      this.recordBytes = records.recordBytes;
      this.stride = records.stride;
      this.shift = records.shift;
      this.mask = records.mask;
      this.seen = records.chunks;
      this.prefetching = (long) seen.length * (mask + 1) * stride > PREFETCH_ABOVE_BYTES;
    }

    /** The chunk holding the record of {@code node}. */
    final MemorySegment chunk(int node) {
      int chunk = node >>> shift;
      MemorySegment[] c = seen;
      if (chunk >= c.length || c[chunk] == null) {
        seen = c = records.chunks; // grown since this scorer was made
      }
      return c[chunk];
    }

    /** Where the record of {@code node} starts in its chunk. */
    final long offset(int node) {
      return (long) (node & mask) * stride;
    }

    @Override
    public final void prefetch(int[] nodes, int count) {
      if (!prefetching) {
        return;
      }
      int bits = 0;
      MemorySegment[] c = seen;
      for (int i = 0; i < count; i++) {
        int node = nodes[i];
        int chunk = node >>> shift;
        if (chunk >= c.length || c[chunk] == null) {
          continue;
        }
        MemorySegment block = c[chunk];
        long start = offset(node);
        for (long j = start; j < start + recordBytes; j += LINE) {
          bits ^= block.get(ValueLayout.JAVA_BYTE, j);
        }
      }
      touched = bits;
    }
  }
}
