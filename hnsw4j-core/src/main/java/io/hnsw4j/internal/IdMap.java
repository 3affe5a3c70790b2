package io.hnsw4j.internal;

import java.util.Arrays;

/**
 * External {@code long} id to ordinal and back, with no object per entry. Ordinal to id is a
 * chunked long array, read without a lock (an ordinal is published before any reader can find
 * it). Id to ordinal is split over {@link #SHARDS} open-addressing tables of {@code ordinal + 1}
 * (0 = empty), each under its own lock, so that concurrent adds rarely wait for each other; keys
 * are read back through the id array. An index file stores one table ({@link #table()}).
 */
public final class IdMap implements IdLookup {
  private static final int SHARDS = 64;

  private final int shift;
  private final int mask;
  private final Object growLock = new Object();
  private volatile long[][] ids = new long[0][];
  private final Shard[] shards = new Shard[SHARDS];

  /** One part of the id table: the ids whose hash falls to it. */
  private final class Shard {
    int[] table = new int[16];
    int size;

    int ordinalOf(long id) {
      int slot = slotOfId(id);
      return slot < 0 ? -1 : table[slot] - 1;
    }

    /** The slot holding {@code id}, or -1. */
    int slotOfId(long id) {
      int tableMask = table.length - 1;
      for (int slot = slotOf(id, tableMask); ; slot = (slot + 1) & tableMask) {
        int entry = table[slot];
        if (entry == 0) {
          return -1;
        }
        if (idOf(entry - 1) == id) {
          return slot;
        }
      }
    }

    void insert(int ordinal) {
      if ((size + 1) * 2 > table.length) {
        int[] old = table;
        table = new int[old.length * 2];
        for (int entry : old) {
          if (entry != 0) {
            place(entry - 1);
          }
        }
      }
      place(ordinal);
      size++;
    }

    private void place(int ordinal) {
      int tableMask = table.length - 1;
      int slot = slotOf(idOf(ordinal), tableMask);
      while (table[slot] != 0) {
        slot = (slot + 1) & tableMask;
      }
      table[slot] = ordinal + 1;
    }

    /** Backward-shift deletion keeps every probe sequence unbroken without tombstones. */
    void removeAt(int slot) {
      int tableMask = table.length - 1;
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
    }
  }

  /** A map whose id array grows in chunks of 2^chunkShift ordinals. */
  public IdMap(int chunkShift) {
    this.shift = chunkShift;
    this.mask = (1 << chunkShift) - 1;
    for (int i = 0; i < SHARDS; i++) {
      shards[i] = new Shard();
    }
  }

  /** The table slot where probing for {@code id} starts; part of the file format. */
  public static int slotOf(long id, int tableMask) {
    long h = id * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29)) & tableMask;
  }

  private Shard shardOf(long id) {
    long h = id * 0xC2B2AE3D27D4EB4FL;
    return shards[(int) (h >>> 58)]; // the top 6 bits: independent of slotOf's low bits
  }

  @Override
  public long idOf(int ordinal) {
    return ids[ordinal >>> shift][ordinal & mask];
  }

  @Override
  public int ordinalOf(long id) {
    Shard shard = shardOf(id);
    synchronized (shard) {
      return shard.ordinalOf(id);
    }
  }

  @Override
  public int size() {
    int size = 0;
    for (Shard shard : shards) {
      synchronized (shard) {
        size += shard.size;
      }
    }
    return size;
  }

  /**
   * Records that {@code ordinal} holds {@code id} (readable through {@link #idOf}) without
   * making the id find it: an add links its node first, then {@link #put}s or {@link #rebind}s
   * the id.
   */
  public void reserve(int ordinal, long id) {
    ensureCapacity(ordinal + 1);
    ids[ordinal >>> shift][ordinal & mask] = id;
  }

  /** Records that {@code ordinal} holds {@code id}; the id must not be present. */
  public void put(long id, int ordinal) {
    reserve(ordinal, id);
    Shard shard = shardOf(id);
    synchronized (shard) {
      shard.insert(ordinal);
    }
  }

  /** Points {@code id}, which must be present, at {@code ordinal} (reserved for it). */
  public void rebind(long id, int ordinal) {
    Shard shard = shardOf(id);
    synchronized (shard) {
      int slot = shard.slotOfId(id);
      if (slot < 0) {
        throw new IllegalStateException("id " + id + " is not in the map");
      }
      shard.table[slot] = ordinal + 1;
    }
  }

  /** Removes {@code id}; returns its ordinal, or -1 if absent. */
  public int remove(long id) {
    Shard shard = shardOf(id);
    synchronized (shard) {
      int slot = shard.slotOfId(id);
      if (slot < 0) {
        return -1;
      }
      int ordinal = shard.table[slot] - 1;
      shard.removeAt(slot);
      return ordinal;
    }
  }

  /** The live ids (a snapshot of each shard in turn). */
  @Override
  public long[] snapshotIds() {
    long[] out = new long[16];
    int n = 0;
    for (Shard shard : shards) {
      synchronized (shard) {
        if (n + shard.size > out.length) {
          out = Arrays.copyOf(out, Math.max(out.length * 2, n + shard.size));
        }
        for (int entry : shard.table) {
          if (entry != 0) {
            out[n++] = idOf(entry - 1);
          }
        }
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * The id table as stored in index files: one power-of-two table of ordinal + 1 (0 for empty),
   * at most half full, probed linearly from {@link #slotOf}. Built from the shards; the caller
   * keeps writers out.
   */
  @Override
  public int[] table() {
    int size = size();
    int slots = 16;
    while (slots < 2L * (size + 1)) {
      slots <<= 1;
    }
    int[] table = new int[slots];
    int tableMask = slots - 1;
    for (Shard shard : shards) {
      synchronized (shard) {
        for (int entry : shard.table) {
          if (entry != 0) {
            int slot = slotOf(idOf(entry - 1), tableMask);
            while (table[slot] != 0) {
              slot = (slot + 1) & tableMask;
            }
            table[slot] = entry;
          }
        }
      }
    }
    return table;
  }

  @Override
  public long memoryBytes() {
    long bytes = 16L + 8L * ids.length;
    for (long[] chunk : ids) {
      bytes += chunk == null ? 0 : 16L + 8L * chunk.length;
    }
    for (Shard shard : shards) {
      synchronized (shard) {
        bytes += 32L + 4L * shard.table.length;
      }
    }
    return bytes;
  }

  private void ensureCapacity(int nodes) {
    int needed = (int) ((nodes + (long) mask) >>> shift);
    long[][] directory = ids;
    if (needed <= directory.length && directory[needed - 1] != null) {
      return;
    }
    synchronized (growLock) {
      directory = ids;
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
  }
}
