package io.hnsw4j;

import io.hnsw4j.testutil.IndexBytes;
import io.hnsw4j.testutil.MixedIndex;

/** {@link DamagedFileFuzz} on a version-1 file: a float index. */
class DamagedFileFuzzTest extends DamagedFileFuzz {
  @Override
  HnswIndex build() {
    return MixedIndex.build(N, DIM, SEED);
  }

  @Override
  int[] damagedSections() {
    return new int[] {
      IndexBytes.SECTION_NODE_INFO, IndexBytes.SECTION_LEVEL0, IndexBytes.SECTION_UPPER,
      IndexBytes.SECTION_IDS, IndexBytes.SECTION_ID_TABLE
    };
  }

  @Override
  int flipsPerSection() {
    return 60;
  }
}
