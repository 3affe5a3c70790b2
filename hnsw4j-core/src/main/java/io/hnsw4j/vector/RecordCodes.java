package io.hnsw4j.vector;

/**
 * A traversal copy kept as one byte record per node ({@link RecordChunks}): what the int8 and the
 * 1-bit codes share beyond their encoding and scoring.
 */
abstract class RecordCodes implements TraversalSpace {
  /** One record per node: its header, then its codes. */
  final RecordChunks records;

  RecordCodes(int recordBytes, ChunkShape shape) {
    this.records = new RecordChunks(recordBytes, shape);
  }

  @Override
  public final void ensureCapacity(int nodes) {
    records.ensureCapacity(nodes);
  }

  @Override
  public final int recordBytes() {
    return records.recordBytes();
  }

  @Override
  public long memoryBytes() {
    return records.memoryBytes();
  }
}
