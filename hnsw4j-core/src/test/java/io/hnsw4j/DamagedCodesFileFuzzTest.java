package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.format.IndexFile;
import io.hnsw4j.testutil.IndexBytes;
import io.hnsw4j.testutil.MixedIndex;
import io.hnsw4j.testutil.TestData;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link DamagedFileFuzz} on a version-2 file: an int8 index, whose traversal records (section 8)
 * are damaged too. A memory-mapped open catches damage to them by their own checksum; a byte of
 * their record format only makes the open encode the vectors again. Also every truncation, of
 * 1-bit and 4-bit files too ({@link DamagedCentredCodesFileFuzzTest} fuzzes their records).
 */
class DamagedCodesFileFuzzTest extends DamagedFileFuzz {
  @Override
  HnswIndex build() {
    return MixedIndex.build(N, SEED, MixedIndex.config(DIM, SEED).quantization(Quantization.INT8).build());
  }

  @Override
  int[] damagedSections() {
    return new int[] {
      IndexBytes.SECTION_NODE_INFO, IndexBytes.SECTION_LEVEL0, IndexBytes.SECTION_UPPER,
      IndexBytes.SECTION_IDS, IndexBytes.SECTION_ID_TABLE, IndexBytes.SECTION_CODES
    };
  }

  @Override
  int flipsPerSection() {
    return 40;
  }

  /**
   * A small quantized file cut at every length, from the whole file less one byte down to
   * nothing: int8 records, and 1-bit and 4-bit records with their centroid after them.
   */
  @ParameterizedTest
  @EnumSource(value = Quantization.class, names = {"INT8", "BINARY", "INT4"})
  void everyTruncationIsRefused(Quantization mode) throws IOException {
    Path file = dir.resolve("truncated-" + mode + ".hnsw");
    try (HnswIndex small = HnswIndex.create(IndexConfig.builder(4).m(4).quantization(mode).build())) {
      small.addAll(TestData.sequentialIds(60), TestData.uniform(60, 4, SEED), 1);
      small.remove(3);
      small.save(file);
    }
    byte[] whole = Files.readAllBytes(file);
    assertEquals(2, new IndexBytes(whole).getInt(8));
    assertEquals(8, new IndexBytes(whole).sectionCount());
    List<OpenOptions> opens = List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (int length = whole.length - 1; length >= 0; length--) {
        channel.truncate(length);
        for (OpenOptions options : opens) {
          CorruptIndexException e =
              assertThrows(CorruptIndexException.class, () -> HnswIndex.open(file, options).close(), "length " + length);
          assertTruncation(file, e.getMessage(), length);
        }
        assertTruncation(file, IndexFile.verify(file), length);
      }
    }
  }

  private static void assertTruncation(Path file, String message, int length) {
    assertTrue(message != null && message.startsWith(file + ": ")
        && (message.contains("truncated") || message.contains("not an hnsw4j index file")),
        "length " + length + ": " + message);
  }
}
