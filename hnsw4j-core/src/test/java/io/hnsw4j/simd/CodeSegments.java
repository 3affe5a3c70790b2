package io.hnsw4j.simd;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Code bytes as the code kernels read them in an index: off the heap, on a 64-byte boundary. */
final class CodeSegments {
  private CodeSegments() {}

  /** A line-aligned native copy of {@code bytes}. */
  static MemorySegment offHeap(byte[] bytes) {
    MemorySegment segment = Arena.ofAuto().allocate(Math.max(1, bytes.length), 64);
    MemorySegment.copy(MemorySegment.ofArray(bytes), 0, segment, 0, bytes.length);
    return segment;
  }
}
