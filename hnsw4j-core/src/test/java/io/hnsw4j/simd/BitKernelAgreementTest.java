package io.hnsw4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The 4-bit-query-times-1-bit-codes kernel ({@link VectorOps#dotBits}) of the Panama and scalar
 * implementations against a reference that walks the bits one at a time, at every length of
 * 1..1100 words and random byte offsets into the codes (so the vector loop and its masked tail run
 * at every alignment). The kernel counts integers, so all three must agree exactly.
 */
class BitKernelAgreementTest {

  private final VectorOps scalar = new ScalarVectorOps();
  private final VectorOps panama = new PanamaVectorOps();

  @Test
  void everyLengthAgreesWithScalarAndBitByBitReference() {
    SplittableRandom random = new SplittableRandom(VectorOpsAgreementTest.SEED);
    for (int words = 1; words <= VectorOpsAgreementTest.MAX_LENGTH; words++) {
      int cOffset = random.nextInt(0, 65);
      byte[] codes = new byte[cOffset + 8 * words + random.nextInt(0, 9)];
      long[] planes = new long[4 * words];
      random.nextBytes(codes);
      for (int i = 0; i < planes.length; i++) {
        planes[i] = random.nextLong();
      }
      if (words % 7 == 0) {
        Arrays.fill(codes, (byte) -1); // all bits set: the largest sums, 15 per bit
        Arrays.fill(planes, -1L);
      }
      int reference = reference(planes, codes, cOffset, words);
      String context = "dotBits words=" + words + " cOffset=" + cOffset;
      assertEquals(reference, scalar.dotBits(planes, codes, cOffset, words), "scalar, " + context);
      assertEquals(reference, panama.dotBits(planes, codes, cOffset, words), "panama, " + context);
    }
  }

  @Test
  void readsOnlyTheGivenRange() {
    // Bytes outside [cOffset, cOffset + 8 * words) are all ones: a kernel reading past the range
    // would count them.
    byte[] codes = new byte[8 * 1100];
    for (int words = 1; words <= 1000; words += 13) {
      long[] planes = new long[4 * words];
      Arrays.fill(planes, -1L);
      Arrays.fill(codes, (byte) -1);
      Arrays.fill(codes, 100, 100 + 8 * words, (byte) 0);
      for (int w = 0; w < words; w++) {
        codes[100 + 8 * w] = 1; // one bit per word, weight 1 + 2 + 4 + 8
      }
      int expected = 15 * words;
      assertEquals(expected, scalar.dotBits(planes, codes, 100, words), "scalar at " + words + " words");
      assertEquals(expected, panama.dotBits(planes, codes, 100, words), "panama at " + words + " words");
    }
  }

  /** The definition, one bit at a time: the query code of every bit set in the vector. */
  private static int reference(long[] planes, byte[] codes, int cOffset, int words) {
    ByteBuffer bytes = ByteBuffer.wrap(codes).order(ByteOrder.LITTLE_ENDIAN);
    int sum = 0;
    for (int w = 0; w < words; w++) {
      long x = bytes.getLong(cOffset + 8 * w);
      for (int bit = 0; bit < 64; bit++) {
        if ((x >>> bit & 1) != 0) {
          for (int j = 0; j < 4; j++) {
            sum += (int) (planes[j * words + w] >>> bit & 1) << j;
          }
        }
      }
    }
    return sum;
  }
}
