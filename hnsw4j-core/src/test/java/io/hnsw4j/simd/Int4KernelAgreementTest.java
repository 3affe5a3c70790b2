package io.hnsw4j.simd;

import static io.hnsw4j.simd.VectorOpsAgreementTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float-times-4-bit kernel ({@link VectorOps#dotInt4}) of the Panama and scalar
 * implementations against each other and a double-precision sum over the unpacked codes, at every
 * dimension 1..1100 (odd ones leave half a byte) and random offsets into the codes, so the vector
 * loop, the reloaded last step and the scalar tail all run at every alignment.
 */
class Int4KernelAgreementTest {

  private final VectorOps scalar = new ScalarVectorOps();
  private final VectorOps panama = new PanamaVectorOps();

  @Test
  void everyDimensionAgreesWithScalarAndDoubleReference() {
    SplittableRandom random = new SplittableRandom(VectorOpsAgreementTest.SEED);
    for (int dim = 1; dim <= VectorOpsAgreementTest.MAX_LENGTH; dim++) {
      int bytes = Int4Query.bytes(dim);
      int cOffset = random.nextInt(0, 65);
      float[] query = new float[dim];
      for (int i = 0; i < dim; i++) {
        query[i] = (float) random.nextDouble(-1, 1);
      }
      byte[] codes = new byte[cOffset + bytes + random.nextInt(0, 9)];
      random.nextBytes(codes);
      int[] levels = new int[dim];
      for (int i = 0; i < dim; i++) {
        levels[i] = random.nextInt(0, 16); // the full code range, 0 and 15 included
      }
      pack(levels, codes, cOffset);
      float[] weights = Int4Query.weights(query);
      double reference = 0;
      for (int i = 0; i < dim; i++) {
        reference += (double) query[i] * levels[i];
      }
      // The kernels sum the terms of the rewritten query, whose magnitudes bound their rounding.
      double absSum = 0;
      for (int t = 0; t < bytes; t++) {
        int b = codes[cOffset + t];
        absSum += Math.abs(weights[t] * (b & 15)) + Math.abs(weights[bytes + t] * (b & 255));
      }
      String context = "dotInt4 dim=" + dim + " cOffset=" + cOffset;
      float s = scalar.dotInt4(weights, codes, cOffset, bytes);
      float p = panama.dotInt4(weights, codes, cOffset, bytes);
      assertClose(reference, s, absSum, "scalar vs double, " + context);
      assertClose(reference, p, absSum, "panama vs double, " + context);
      assertClose(s, p, absSum, "panama vs scalar, " + context);
    }
  }

  @Test
  void weightsOfAnOddDimensionIgnoreTheLastHighNibble() {
    float[] weights = Int4Query.weights(new float[] {1f, 2f, 3f});
    assertEquals(4, weights.length);
    byte[] codes = {(byte) 0x54, (byte) 0xF6}; // levels 4, 5, 6 and a high nibble that is not a code
    float expected = 1 * 4 + 2 * 5 + 3 * 6;
    assertEquals(expected, scalar.dotInt4(weights, codes, 0, 2), 1e-5f);
    assertEquals(expected, panama.dotInt4(weights, codes, 0, 2), 1e-5f);
  }

  @Test
  void readsOnlyTheGivenRange() {
    // Bytes outside [cOffset, cOffset + bytes) are poisoned: a kernel reading past the range
    // would add them in.
    byte[] codes = new byte[800];
    Arrays.fill(codes, (byte) 0xFF);
    for (int dim = 2; dim <= 1000; dim += 26) {
      int bytes = dim / 2;
      float[] query = new float[dim];
      Arrays.fill(query, 1f);
      float[] weights = Int4Query.weights(query);
      Arrays.fill(codes, 100, 100 + bytes, (byte) 0x11);
      float expected = dim;
      if (Math.abs(scalar.dotInt4(weights, codes, 100, bytes) - expected) > 1e-3f
          || Math.abs(panama.dotInt4(weights, codes, 100, bytes) - expected) > 1e-3f) {
        fail("a kernel read outside its range at dimension " + dim);
      }
      Arrays.fill(codes, 100, 100 + bytes, (byte) 0xFF);
    }
  }

  /** Component 2t in the low nibble of byte t, 2t + 1 in the high one; an odd tail's high nibble random. */
  private static void pack(int[] levels, byte[] codes, int offset) {
    for (int i = 0; i < levels.length; i += 2) {
      int high = i + 1 < levels.length ? levels[i + 1] : (codes[offset + i / 2] >>> 4) & 15;
      codes[offset + i / 2] = (byte) (levels[i] | high << 4);
    }
  }
}
