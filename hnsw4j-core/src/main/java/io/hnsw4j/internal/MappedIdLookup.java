package io.hnsw4j.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Id lookups over the id and id-table sections of a memory-mapped index file. The open checked
 * that the table holds exactly the live nodes, each found from its own id; reads stay defensive
 * (entries outside the nodes are skipped).
 */
public final class MappedIdLookup implements IdLookup {
  private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final MemorySegment ids;
  private final MemorySegment table;
  private final int slots;
  private final int nodes;
  private final int size;

  public MappedIdLookup(MemorySegment ids, MemorySegment table, int nodes, int size) {
    this.ids = ids;
    this.table = table;
    this.slots = (int) (table.byteSize() / 4);
    this.nodes = nodes;
    this.size = size;
  }

  @Override
  public long idOf(int ordinal) {
    return ids.get(LE_LONG, (long) ordinal * 8);
  }

  @Override
  public int ordinalOf(long id) {
    int mask = slots - 1;
    int slot = IdMap.slotOf(id, mask);
    for (int probes = 0; probes < slots; probes++, slot = (slot + 1) & mask) {
      int entry = table.get(LE_INT, (long) slot * 4);
      if (entry == 0) {
        return -1;
      }
      int ordinal = entry - 1;
      if (ordinal >= 0 && ordinal < nodes && idOf(ordinal) == id) {
        return ordinal;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public long[] snapshotIds() {
    long[] out = new long[size];
    int n = 0;
    for (int slot = 0; slot < slots && n < size; slot++) {
      int entry = table.get(LE_INT, (long) slot * 4);
      if (entry > 0 && entry <= nodes) {
        out[n++] = idOf(entry - 1);
      }
    }
    return n == size ? out : java.util.Arrays.copyOf(out, n);
  }

  @Override
  public long memoryBytes() {
    return ids.byteSize() + table.byteSize();
  }

  @Override
  public int[] table() {
    return table.toArray(LE_INT);
  }
}
