package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hnsw4j.testutil.IndexBytes;
import io.hnsw4j.testutil.MixedIndex;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link DamagedFileFuzz} on the traversal records of 1-bit and 4-bit indexes (section 8), which
 * end with the centroid the codes are taken around: damage to the records is refused by their
 * checksum, a changed record format only makes the open encode the vectors again, and any byte
 * of the centroid changed is refused by its own checksum, by a memory-mapped open too. (The rest
 * of the file is fuzzed as an int8 index's: {@link DamagedCodesFileFuzzTest}.)
 */
class DamagedCentredCodesFileFuzzTest {

  /** 1-bit codes. */
  @Nested
  class Binary extends CentredFuzz {
    @Override
    Quantization mode() {
      return Quantization.BINARY;
    }
  }

  /** 4-bit codes. */
  @Nested
  class Int4 extends CentredFuzz {
    @Override
    Quantization mode() {
      return Quantization.INT4;
    }
  }

  /** The fuzz of one kind of centred codes. */
  abstract static class CentredFuzz extends DamagedFileFuzz {
    abstract Quantization mode();

    @Override
    HnswIndex build() {
      return MixedIndex.build(N, SEED, MixedIndex.config(DIM, SEED).metric(Metric.COSINE).quantization(mode()).build());
    }

    @Override
    int[] damagedSections() {
      return new int[] {IndexBytes.SECTION_CODES};
    }

    @Override
    int flipsPerSection() {
      return 60;
    }

    @Test
    void everyCentroidByteIsCovered() throws IOException {
      IndexBytes layout = new IndexBytes(sound);
      long centroid = layout.centroidOffset();
      long end = layout.sectionOffset(IndexBytes.SECTION_CODES) + layout.sectionLength(IndexBytes.SECTION_CODES);
      assertEquals(12 + 4 * DIM, end - centroid);
      Random random = new Random(SEED + 2);
      for (long at = centroid; at < end; at++) {
        byte[] damaged = flip(sound, (int) at, random);
        new IndexBytes(damaged).resealFooter();
        assertArrayEquals(new boolean[] {true, true}, openBothWays(damaged, mode() + " centroid byte " + at));
      }
    }
  }
}
