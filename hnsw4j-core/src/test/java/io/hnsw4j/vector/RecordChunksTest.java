package io.hnsw4j.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Records on cache lines: the stride rule, line-aligned records, and records kept apart. */
class RecordChunksTest {

  @Test
  void aRecordTakesThePowerOfTwoUpToALineAndWholeLinesAbove() {
    assertEquals(1, RecordChunks.strideFor(1));
    assertEquals(2, RecordChunks.strideFor(2));
    assertEquals(4, RecordChunks.strideFor(3));
    assertEquals(32, RecordChunks.strideFor(32)); // 1-bit codes up to 128 dimensions
    assertEquals(64, RecordChunks.strideFor(33));
    assertEquals(64, RecordChunks.strideFor(62)); // 4-bit codes of 100 dimensions
    assertEquals(64, RecordChunks.strideFor(64));
    assertEquals(128, RecordChunks.strideFor(65));
    assertEquals(128, RecordChunks.strideFor(112)); // int8 codes of 100 dimensions
    assertEquals(256, RecordChunks.strideFor(204)); // 4-bit codes of 384 dimensions
    assertThrows(IllegalArgumentException.class, () -> RecordChunks.strideFor(0));
    for (int bytes = 1; bytes <= 2000; bytes++) {
      int stride = RecordChunks.strideFor(bytes);
      assertTrue(stride >= bytes && stride - bytes < 64, bytes + " bytes take " + stride);
      assertTrue(stride <= 64 ? 64 % stride == 0 : stride % 64 == 0, "a record of " + bytes + " bytes straddles lines");
    }
  }

  @Test
  void everyRecordStartsOnALineOrASlotWithinOne() {
    RecordChunks records = new RecordChunks(62, new ChunkShape(6));
    records.ensureCapacity(300); // five chunks
    RecordChunks.Scorer scorer = scorerOf(records);
    for (int node = 0; node < 300; node++) {
      MemorySegment chunk = scorer.chunk(node);
      assertTrue(chunk.isNative(), "records live off the heap");
      assertEquals(0, (chunk.address() + scorer.offset(node)) % 64, "record of node " + node);
    }
    RecordChunks small = new RecordChunks(20, new ChunkShape(6));
    small.ensureCapacity(64);
    RecordChunks.Scorer smallScorer = scorerOf(small);
    for (int node = 0; node < 64; node++) {
      long at = smallScorer.chunk(node).address() + smallScorer.offset(node);
      assertEquals(at / 64, (at + 19) / 64, "a 20-byte record of node " + node + " straddles a line");
    }
  }

  @Test
  void recordsReadBackAsWrittenAcrossChunksAndGrowth() {
    SplittableRandom random = new SplittableRandom(7);
    RecordChunks records = new RecordChunks(62, new ChunkShape(6));
    byte[][] written = new byte[500][];
    for (int node = 0; node < written.length; node++) {
      records.ensureCapacity(node + 1); // grows chunk by chunk, as adds do
      written[node] = new byte[62];
      random.nextBytes(written[node]);
      records.write(node, written[node]);
    }
    byte[] back = new byte[70];
    for (int node = 0; node < written.length; node++) {
      records.read(node, back, 3);
      assertArrayEquals(written[node], Arrays.copyOfRange(back, 3, 65), "node " + node);
    }
    long chunkBytes = 8L * 64 * 64; // 8 chunks of 64 slots of 64 bytes, and a directory of 8-12
    assertTrue(records.memoryBytes() >= chunkBytes + 16 + 8 * 8 && records.memoryBytes() <= chunkBytes + 16 + 8 * 12,
        "memory " + records.memoryBytes());
  }

  private static RecordChunks.Scorer scorerOf(RecordChunks records) {
    return new RecordChunks.Scorer(records) {
      @Override
      public float score(int node) {
        return 0;
      }
    };
  }
}
