package io.hnsw4j.internal;

/** Id to ordinal and back; heap ({@link IdMap}) or memory-mapped. */
public interface IdLookup {
  long idOf(int ordinal);

  /** Ordinal of {@code id}, or -1. */
  int ordinalOf(long id);

  int size();

  long[] snapshotIds();

  long memoryBytes();

  /**
   * The id hash table as stored in index files: a power-of-two number of slots holding ordinal + 1
   * (0 = empty), probed linearly from {@link IdMap#slotOf}.
   */
  int[] table();
}
