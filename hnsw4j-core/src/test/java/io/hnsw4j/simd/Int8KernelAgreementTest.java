package io.hnsw4j.simd;

import static io.hnsw4j.simd.VectorOpsAgreementTest.assertClose;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float-times-int8 kernel ({@link VectorOps#dotInt8}) of the Panama and scalar
 * implementations against each other and a double-precision reference, at every length 1..1100
 * and random offsets into both arrays (so the vector loop, its single-step tail and the scalar
 * tail all run at every alignment).
 */
class Int8KernelAgreementTest {

  private final VectorOps scalar = new ScalarVectorOps();
  private final VectorOps panama = new PanamaVectorOps();

  @Test
  void everyLengthAgreesWithScalarAndDoubleReference() {
    SplittableRandom random = new SplittableRandom(VectorOpsAgreementTest.SEED);
    for (int length = 1; length <= VectorOpsAgreementTest.MAX_LENGTH; length++) {
      int aOffset = random.nextInt(0, 17);
      int cOffset = random.nextInt(0, 65);
      float[] a = new float[aOffset + length + random.nextInt(0, 9)];
      byte[] codes = new byte[cOffset + length + random.nextInt(0, 9)];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) random.nextDouble(-1, 1);
      }
      for (int i = 0; i < codes.length; i++) {
        codes[i] = (byte) random.nextInt(-127, 128); // the full code range, extremes included
      }
      double reference = 0;
      double absSum = 0;
      for (int i = 0; i < length; i++) {
        double term = (double) a[aOffset + i] * codes[cOffset + i];
        reference += term;
        absSum += Math.abs(term);
      }
      String context = "dotInt8 length=" + length + " aOffset=" + aOffset + " cOffset=" + cOffset;
      float s = scalar.dotInt8(a, aOffset, codes, cOffset, length);
      float p = panama.dotInt8(a, aOffset, codes, cOffset, length);
      assertClose(reference, s, absSum, "scalar vs double, " + context);
      assertClose(reference, p, absSum, "panama vs double, " + context);
      assertClose(s, p, absSum, "panama vs scalar, " + context);
    }
  }

  @Test
  void readsOnlyTheGivenRange() {
    // Codes outside [cOffset, cOffset + length) are poisoned: a kernel reading past the range would
    // add them in.
    float[] a = new float[1100];
    Arrays.fill(a, 1f);
    byte[] codes = new byte[1300];
    Arrays.fill(codes, (byte) 127);
    for (int length = 1; length <= 1000; length += 13) {
      Arrays.fill(codes, 100, 100 + length, (byte) 1);
      float expected = length;
      if (scalar.dotInt8(a, 0, codes, 100, length) != expected
          || panama.dotInt8(a, 0, codes, 100, length) != expected) {
        fail("a kernel read outside its range at length " + length);
      }
      Arrays.fill(codes, 100, 100 + length, (byte) 127);
    }
  }
}
