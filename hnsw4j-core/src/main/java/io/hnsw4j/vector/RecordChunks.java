package io.hnsw4j.vector;

import java.util.Arrays;

/**
 * One record of a fixed number of bytes per node, as the traversal codes keep them: a node's
 * header and codes in one run of cache lines, so scoring a node touches one place in memory.
 * Chunks of 2^shift nodes as for the floats; chunks already handed out never move, and growing
 * copies the directory and publishes it whole.
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

  private final int recordBytes;
  private final int shift;
  private final int mask;
  private volatile byte[][] chunks = new byte[0][];

  RecordChunks(int recordBytes, ChunkShape shape) {
    this.recordBytes = recordBytes;
    this.shift = shape.shift();
    this.mask = shape.mask();
  }

  /** Makes room for nodes [0, nodes). */
  void ensureCapacity(int nodes) {
    int needed = (int) ((nodes + (long) mask) >>> shift);
    byte[][] current = chunks;
    if (needed == 0 || (needed <= current.length && current[needed - 1] != null)) {
      return;
    }
    grow(needed);
  }

  private synchronized void grow(int needed) {
    byte[][] c = chunks;
    if (needed <= c.length && c[needed - 1] != null) {
      return;
    }
    int length = needed > c.length ? Math.max(needed, c.length + (c.length >> 1)) : c.length;
    c = Arrays.copyOf(c, length);
    for (int i = 0; i < needed; i++) {
      if (c[i] == null) {
        c[i] = new byte[(mask + 1) * recordBytes];
      }
    }
    chunks = c;
  }

  /** Bytes of one node's record. */
  int recordBytes() {
    return recordBytes;
  }

  /** The chunk holding the record of {@code node}, which must have room. */
  byte[] chunkOf(int node) {
    return chunks[node >>> shift];
  }

  /** Where the record of {@code node} starts in its chunk. */
  int offsetOf(int node) {
    return (node & mask) * recordBytes;
  }

  /** Bytes held. */
  long memoryBytes() {
    byte[][] c = chunks;
    long bytes = 16L + 8L * c.length;
    for (byte[] chunk : c) {
      bytes += chunk == null ? 0 : 16L + chunk.length;
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
    private final int shift;
    private final int mask;
    private final boolean prefetching;
    private byte[][] seen;
    private int touched;

    Scorer(RecordChunks records) {
      this.records = records;
      this.recordBytes = records.recordBytes;
      this.shift = records.shift;
      this.mask = records.mask;
      this.seen = records.chunks;
      this.prefetching = (long) seen.length * (mask + 1) * recordBytes > PREFETCH_ABOVE_BYTES;
    }

    /** The chunk holding the record of {@code node}. */
    final byte[] chunk(int node) {
      int chunk = node >>> shift;
      byte[][] c = seen;
      if (chunk >= c.length || c[chunk] == null) {
        seen = c = records.chunks; // grown since this scorer was made
      }
      return c[chunk];
    }

    /** Where the record of {@code node} starts in its chunk. */
    final int offset(int node) {
      return (node & mask) * recordBytes;
    }

    @Override
    public final void prefetch(int[] nodes, int count) {
      if (!prefetching) {
        return;
      }
      int bits = 0;
      byte[][] c = seen;
      for (int i = 0; i < count; i++) {
        int node = nodes[i];
        int chunk = node >>> shift;
        if (chunk >= c.length || c[chunk] == null) {
          continue;
        }
        byte[] block = c[chunk];
        int start = (node & mask) * recordBytes;
        for (int j = start; j < start + recordBytes; j += 64) {
          bits ^= block[j];
        }
      }
      touched = bits;
    }
  }
}
