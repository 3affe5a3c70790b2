package io.hnsw4j.internal;

import java.util.Arrays;

/**
 * External {@code long} id to ordinal and back, with no object per entry: ordinal to id is a
 * chunked long array, id to ordinal an open-addressing table of {@code ordinal + 1} (0 = empty)
 * whose keys are read back through the id array. Lookups of ids by ordinal take no lock (an
 * ordinal is published before any reader can find it); changes and id lookups are synchronized.
 */
public final class IdMap implements IdLookup {
  private final int shift;
  private final int mask;
  private volatile long[][] ids = new long[0][];
  private int[] table = new int[16];
  private int size;

  public IdMap(int chunkShift) {
    this.shift = chunkShift;
    this.mask = (1 << chunkShift) - 1;
  }

  /** The table slot where probing for {@code id} starts; part of the file format. */
  public static int slotOf(long id, int tableMask) {
    long h = id * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29)) & tableMask;
  }

  @Override
  public long idOf(int ordinal) {
    return ids[ordinal >>> shift][ordinal & mask];
  }

  /** Ordinal of {@code id}, or -1. */
  @Override
  public synchronized int ordinalOf(long id) {
    int tableMask = table.length - 1;
    for (int slot = slotOf(id, tableMask); ; slot = (slot + 1) & tableMask) {
      int entry = table[slot];
      if (entry == 0) {
        return -1;
      }
      if (idOf(entry - 1) == id) {
        return entry - 1;
      }
    }
  }

  @Override
  public synchronized int size() {
    return size;
  }

  /** Records that {@code ordinal} holds {@code id}; the id must not be present. */
  public synchronized void put(long id, int ordinal) {
    ensureCapacity(ordinal + 1);
    ids[ordinal >>> shift][ordinal & mask] = id;
    if ((size + 1) * 2 > table.length) {
      rehash(table.length * 2);
    }
    insert(ordinal);
    size++;
  }

  /**
   * Records that {@code ordinal} will hold {@code id} (readable through {@link #idOf}) without
   * making the id find it: an update links its new node first, then {@link #rebind}s the id.
   */
  public synchronized void reserve(int ordinal, long id) {
    ensureCapacity(ordinal + 1);
    ids[ordinal >>> shift][ordinal & mask] = id;
  }

  /** Points {@code id}, which must be present, at {@code ordinal} (reserved for it). */
  public synchronized void rebind(long id, int ordinal) {
    int tableMask = table.length - 1;
    for (int slot = slotOf(id, tableMask); ; slot = (slot + 1) & tableMask) {
      int entry = table[slot];
      if (entry == 0) {
        throw new IllegalStateException("id " + id + " is not in the map");
      }
      if (idOf(entry - 1) == id) {
        table[slot] = ordinal + 1;
        return;
      }
    }
  }

  /** Removes {@code id}; returns its ordinal, or -1 if absent. */
  public synchronized int remove(long id) {
    int tableMask = table.length - 1;
    int slot = slotOf(id, tableMask);
    while (true) {
      int entry = table[slot];
      if (entry == 0) {
        return -1;
      }
      if (idOf(entry - 1) == id) {
        break;
      }
      slot = (slot + 1) & tableMask;
    }
    int ordinal = table[slot] - 1;
    // Backward-shift deletion keeps every probe sequence unbroken without tombstones.
    int hole = slot;
    for (int next = (hole + 1) & tableMask; table[next] != 0; next = (next + 1) & tableMask) {
      int home = slotOf(idOf(table[next] - 1), tableMask);
      boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
      if (movable) {
        table[hole] = table[next];
        hole = next;
      }
    }
    table[hole] = 0;
    size--;
    return ordinal;
  }

  /** The live ids (a snapshot). */
  @Override
  public synchronized long[] snapshotIds() {
    long[] out = new long[size];
    int n = 0;
    for (int entry : table) {
      if (entry != 0) {
        out[n++] = idOf(entry - 1);
      }
    }
    return out;
  }

  /** The hash table as stored in index files: ordinal + 1 per slot, 0 for empty. */
  @Override
  public synchronized int[] table() {
    return table.clone();
  }

  @Override
  public synchronized long memoryBytes() {
    long bytes = 16L + 4L * table.length + 8L * ids.length;
    for (long[] chunk : ids) {
      bytes += chunk == null ? 0 : 16L + 8L * chunk.length;
    }
    return bytes;
  }

  private void ensureCapacity(int nodes) {
    int needed = (int) ((nodes + (long) mask) >>> shift);
    long[][] directory = ids;
    if (needed > directory.length) {
      directory = Arrays.copyOf(directory, Math.max(needed, directory.length + (directory.length >> 1)));
    }
    for (int c = 0; c < needed; c++) {
      if (directory[c] == null) {
        directory[c] = new long[mask + 1];
      }
    }
    ids = directory;
  }

  private void insert(int ordinal) {
    int tableMask = table.length - 1;
    int slot = slotOf(idOf(ordinal), tableMask);
    while (table[slot] != 0) {
      slot = (slot + 1) & tableMask;
    }
    table[slot] = ordinal + 1;
  }

  private void rehash(int capacity) {
    int[] old = table;
    table = new int[capacity];
    for (int entry : old) {
      if (entry != 0) {
        insert(entry - 1);
      }
    }
  }
}
