package io.hnsw4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The four-vector kernels give, bit for bit, what the one-vector kernels give for each vector, at
 * every length from 1 to 1100 (below, inside and above the range the batch kernels take) and at
 * random offsets, from arrays and from segments (native, as a mapped file is, and on the heap): a
 * distance must not depend on whether a search scored it in a batch.
 */
class BatchKernelAgreementTest {
  private static final long SEED = Long.getLong("hnsw4j.test.seed", 0xBA7C4L);
  private static final int MAX_LENGTH = 1100;

  @Test
  void panamaBatchesEqualSingleCallsAtEveryLength() {
    checkEveryLength(new PanamaVectorOps());
  }

  @Test
  void scalarBatchesEqualSingleCallsAtEveryLength() {
    checkEveryLength(new ScalarVectorOps());
  }

  private static void checkEveryLength(VectorOps ops) {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int length = 1; length <= MAX_LENGTH; length++) {
      int qOffset = random.nextInt(0, 9);
      float[] q = randomFloats(random, qOffset + length + random.nextInt(0, 5));
      float[][] vectors = new float[4][];
      int[] offsets = new int[4];
      for (int v = 0; v < 4; v++) {
        offsets[v] = random.nextInt(0, 40);
        vectors[v] = randomFloats(random, offsets[v] + length + random.nextInt(0, 5));
      }
      float[] dots = new float[6];
      float[] squares = new float[6];
      int at = random.nextInt(0, 3);
      ops.dot4(q, qOffset, vectors[0], offsets[0], vectors[1], offsets[1], vectors[2], offsets[2],
          vectors[3], offsets[3], length, dots, at);
      ops.squareDistance4(q, qOffset, vectors[0], offsets[0], vectors[1], offsets[1], vectors[2], offsets[2],
          vectors[3], offsets[3], length, squares, at);
      for (int v = 0; v < 4; v++) {
        String where = ops.name() + " length " + length + " vector " + v;
        assertEquals(Float.floatToRawIntBits(ops.dot(q, qOffset, vectors[v], offsets[v], length)),
            Float.floatToRawIntBits(dots[at + v]), "dot, " + where);
        assertEquals(Float.floatToRawIntBits(ops.squareDistance(q, qOffset, vectors[v], offsets[v], length)),
            Float.floatToRawIntBits(squares[at + v]), "squareDistance, " + where);
      }
    }
  }

  @Test
  void segmentBatchesEqualSingleCallsAtEveryLength() {
    ValueLayout.OfFloat le = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    SplittableRandom random = new SplittableRandom(SEED + 1);
    try (Arena arena = Arena.ofConfined()) {
      for (VectorOps ops : new VectorOps[] {new PanamaVectorOps(), new ScalarVectorOps()}) {
        for (int length = 1; length <= MAX_LENGTH; length++) {
          int qOffset = random.nextInt(0, 9);
          float[] q = randomFloats(random, qOffset + length);
          float[] stored = randomFloats(random, 5 * length + 3);
          MemorySegment[] kinds = {
            arena.allocate((long) stored.length * Float.BYTES, 64), // native, as a mapped section
            MemorySegment.ofArray(stored.clone()), // float[] on the heap
            MemorySegment.ofArray(new byte[stored.length * Float.BYTES]) // byte[]: the fallback path
          };
          for (int i = 0; i < stored.length; i++) {
            kinds[0].setAtIndex(le, i, stored[i]);
            kinds[2].setAtIndex(le, i, stored[i]);
          }
          long[] at = new long[4];
          for (int v = 0; v < 4; v++) {
            at[v] = (long) (v * length + random.nextInt(0, length + 3)) * Float.BYTES;
          }
          for (MemorySegment segment : kinds) {
            float[] dots = new float[4];
            float[] squares = new float[4];
            ops.dot4(q, qOffset, segment, at[0], at[1], at[2], at[3], length, dots, 0);
            ops.squareDistance4(q, qOffset, segment, at[0], at[1], at[2], at[3], length, squares, 0);
            for (int v = 0; v < 4; v++) {
              String where = ops.name() + " " + segment + " length " + length + " vector " + v;
              assertEquals(Float.floatToRawIntBits(ops.dot(q, qOffset, segment, at[v], length)),
                  Float.floatToRawIntBits(dots[v]), "dot, " + where);
              assertEquals(Float.floatToRawIntBits(ops.squareDistance(q, qOffset, segment, at[v], length)),
                  Float.floatToRawIntBits(squares[v]), "squareDistance, " + where);
            }
          }
        }
      }
    }
  }

  private static float[] randomFloats(SplittableRandom random, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return out;
  }
}
