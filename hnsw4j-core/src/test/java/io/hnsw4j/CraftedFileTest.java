package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.format.IndexFile;
import io.hnsw4j.testutil.AllocatedBytes;
import io.hnsw4j.testutil.IndexBytes;
import io.hnsw4j.testutil.MixedIndex;
import io.hnsw4j.testutil.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files crafted to make a reader allocate or trust what is not there: every length and count is
 * set beyond what the file holds, with both checksums recomputed. Every way of opening (onto the
 * heap, mapped, mapped with the checksum, {@link IndexFile#verify}) must refuse the file with a
 * message naming it and the problem, allocating nothing large on the way.
 */
class CraftedFileTest {
  /** The test files are tens of kilobytes; a reader sized by a crafted count would take gigabytes. */
  private static final long MAX_ALLOCATION = 16 << 20;
  private static final Metric MANHATTAN = Metric.custom("manhattan", (a, b) -> {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum;
  });
  private static final List<OpenOptions> OPENS = List.of(
      OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED, OpenOptions.MEMORY_MAPPED.withVerifyChecksum(true));

  @TempDir static Path dir;
  static byte[] l2File;
  static byte[] customFile;
  static byte[] int8File;

  @BeforeAll
  static void saveSamples() throws IOException {
    try (HnswIndex index = MixedIndex.build(300, 8, 3)) {
      index.save(dir.resolve("l2.hnsw"));
    }
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(8).metric(MANHATTAN).m(4).build())) {
      index.addAll(TestData.sequentialIds(100), TestData.uniform(100, 8, 4), 1);
      index.save(dir.resolve("custom.hnsw"));
    }
    try (HnswIndex index = MixedIndex.build(300, 3, MixedIndex.config(8, 3).quantization(Quantization.INT8).build())) {
      index.save(dir.resolve("int8.hnsw"));
    }
    int8File = Files.readAllBytes(dir.resolve("int8.hnsw"));
    l2File = Files.readAllBytes(dir.resolve("l2.hnsw"));
    customFile = Files.readAllBytes(dir.resolve("custom.hnsw"));
  }

  @AfterAll
  static void noTemporariesLeft() throws IOException {
    try (var files = Files.list(dir)) {
      assertEquals(0, files.filter(p -> p.getFileName().toString().contains(".tmp-")).count());
    }
  }

  @Test
  void hugeCustomMetricNameLengthsAreRefusedWithoutAllocating() throws IOException {
    // 2^31 - 1 failed with OutOfMemoryError before the check (defect 4); the others wrap an int.
    for (int length : new int[] {Integer.MAX_VALUE, 2_147_483_600, Integer.MAX_VALUE - 2, -1, -4, 1 << 20}) {
      assertRefused("name-" + length, l2File, b -> b.putInt(IndexBytes.NAME_LENGTH_OFFSET, length),
          "bad custom metric name length " + length);
    }
  }

  @Test
  void customMetricNameLengthsIntoThePaddingAreRefused() throws IOException {
    // "manhattan" is 9 bytes, padded to 12: a length of 10 to 12 takes padding into the name, and
    // a letter in the padding is no part of it. Either is damage, not a metric of another name.
    for (int length : new int[] {10, 12}) {
      assertRefused("pad-" + length, customFile, b -> b.putInt(IndexBytes.NAME_LENGTH_OFFSET, length),
          "the custom metric name is not valid UTF-8 text");
    }
    assertRefused("pad-letter", customFile, b -> b.bytes()[96 + 10] = 's', "zero padding");
    for (int length : new int[] {8, 13}) {
      assertRefused("pad-" + length, customFile, b -> b.putInt(IndexBytes.NAME_LENGTH_OFFSET, length),
          "bad custom metric name length " + length);
    }
  }

  @Test
  void countsBeyondTheFileAreRefusedWithoutAllocating() throws IOException {
    assertRefused("nodes", l2File, b -> b.putInt(64, Integer.MAX_VALUE), "does not fit the file");
    assertRefused("upper", l2File, b -> b.putInt(84, 1 << 30), "does not fit the file");
    assertRefused("slots", l2File, b -> b.putInt(88, 1 << 30), "does not fit the file");
    assertRefused("negative", l2File, b -> b.putInt(84, -8), "bad section sizes");
  }

  /** Flag bits 2-3 hold a quantization code, all four of them defined (3: int4); bit 4 is not. */
  @Test
  void unknownFlagsAreRefused() throws IOException {
    int flags = new IndexBytes(l2File).getInt(44);
    assertRefused("flag-4", l2File, b -> b.putInt(44, flags | 16), "unknown flags");
  }

  @Test
  void sectionsOutOfTheirPlaceAreRefused() throws IOException {
    IndexBytes sample = new IndexBytes(l2File);
    int ids = sample.sectionEntry(IndexBytes.SECTION_IDS);
    assertRefused("moved", l2File, b -> b.putLong(ids + 8, b.sectionOffset(IndexBytes.SECTION_IDS) + 64),
        "section 5 at");
    assertRefused("reserved", l2File, b -> b.putInt(ids + 4, 1), "section 5 at");
    assertRefused("longer", l2File, b -> b.putLong(ids + 16, b.sectionLength(IndexBytes.SECTION_IDS) + 8),
        "section 5 at");
  }

  /** Upper-layer blocks shared by many nodes would make a heap reader allocate per node. */
  @Test
  void sharedUpperLayerBlocksAreRefused() throws IOException {
    IndexBytes sample = new IndexBytes(l2File);
    long info = sample.sectionOffset(IndexBytes.SECTION_NODE_INFO);
    int nodes = sample.getInt(64);
    int top = sample.getInt(80);
    assertRefused("shared", l2File, b -> {
      for (int node = 0; node < nodes; node++) {
        if ((b.getInt(info + 8L * node) & 0xff) > 0) {
          b.putInt(info + 8L * node + 4, 0);
        }
      }
    }, "has its upper links at 0, expected");
    // Every node but the free slots claiming the top level's blocks, all at offset 0.
    assertRefused("all-top", l2File, b -> {
      for (int node = 0; node < nodes; node++) {
        int word = b.getInt(info + 8L * node);
        if ((word & 0x200) == 0) {
          b.putInt(info + 8L * node, (word & ~0xff) | top).putInt(info + 8L * node + 4, 0);
        }
      }
    }, "has its upper links at 0, expected");
  }

  /** Traversal records (section 8) whose sizes, counts or values are not what the file holds. */
  @Test
  void craftedTraversalRecordsAreRefused() throws IOException {
    IndexBytes sample = new IndexBytes(int8File);
    long codes = sample.sectionOffset(IndexBytes.SECTION_CODES);
    long length = sample.sectionLength(IndexBytes.SECTION_CODES);
    int entry = sample.sectionEntry(IndexBytes.SECTION_CODES);
    int nodes = sample.getInt(64);
    assertEquals(16L + nodes * (12 + 8), length);
    assertRefused("record-bytes", int8File, b -> b.putInt(codes + 4, 1 << 30), "cannot hold " + nodes + " records of 1073741824 bytes");
    assertRefused("record-count", int8File, b -> b.putInt(codes + 8, nodes + 1), "cannot hold " + (nodes + 1) + " records");
    assertRefused("section-huge", int8File, b -> b.putLong(entry + 16, Long.MAX_VALUE - 8), "section 8 at");
    assertRefused("section-short", int8File, b -> b.putLong(entry + 16, 15), "the traversal records section of 15 bytes is too short");
    assertRefused("section-longer", int8File, b -> b.putLong(entry + 16, length + 20), "section 8 at");
    assertRefused("no-quantization", int8File, b -> b.putInt(44, 0), "holds traversal records (section 8) but no quantization");
    assertRefused("record-byte", int8File, b -> b.bytes()[(int) codes + 12 + 20 * 7 + 15] ^= 1,
        "the traversal records are damaged (checksum mismatch)");
    assertRefused("record-crc", int8File, b -> b.putInt(codes + length - 4, b.getInt(codes + length - 4) + 1),
        "the traversal records are damaged (checksum mismatch)");
    // Values that no encoding gives, under a recomputed records checksum: node 7 is live. Only
    // the opens see them (the index's space checks its records); IndexFile.verify finds no fault.
    assertRefusedOnOpen("record-nan", new IndexBytes(int8File.clone()).putFloat(codes + 12 + 20 * 7 + 4, Float.NaN),
        "the traversal record of node 7 is damaged: offset");
    assertRefusedOnOpen("record-norm", new IndexBytes(int8File.clone()).putFloat(codes + 12 + 20 * 7 + 8, -1f),
        "squared norm -1.0 cannot be an int8 record's");
    // The last record cut off, the header and footer made to agree with the shorter file.
    long cut = length - 20;
    byte[] shorter = java.util.Arrays.copyOf(int8File, (int) (align(codes + cut) + 16));
    IndexBytes b = new IndexBytes(shorter);
    java.util.Arrays.fill(shorter, (int) (codes + cut), shorter.length, (byte) 0);
    b.putLong(16, shorter.length).putLong(entry + 16, cut);
    System.arraycopy("HNSW4END".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, shorter, shorter.length - 8, 8);
    assertRefusedFile("records-cut", b.reseal(b.headerLength()).bytes(), "cannot hold " + nodes + " records of 20 bytes", true);
  }

  private static void assertRefusedOnOpen(String name, IndexBytes crafted, String problem) throws IOException {
    Path file = dir.resolve(name + ".hnsw");
    Files.write(file, crafted.resealRecords().resealFooter().bytes());
    assertNull(IndexFile.verify(file), name);
    assertRefusedFile(name, crafted.bytes(), problem, false);
  }

  private static long align(long offset) {
    return (offset + 63) & -64;
  }

  private static void assertRefused(String name, byte[] sample, Consumer<IndexBytes> craft, String problem)
      throws IOException {
    IndexBytes bytes = new IndexBytes(sample.clone());
    int headerLength = bytes.headerLength();
    craft.accept(bytes);
    assertRefusedFile(name, bytes.reseal(headerLength).bytes(), problem, true);
  }

  private static void assertRefusedFile(String name, byte[] crafted, String problem, boolean verifyToo)
      throws IOException {
    Path file = dir.resolve(name + ".hnsw");
    Files.write(file, crafted);
    for (OpenOptions options : OPENS) {
      OpenOptions withMetric = options.withCustomMetric(MANHATTAN);
      long before = AllocatedBytes.ofThisThread();
      CorruptIndexException e =
          assertThrows(CorruptIndexException.class, () -> HnswIndex.open(file, withMetric).close(), name + " " + options);
      long allocated = AllocatedBytes.ofThisThread() - before;
      assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(problem),
          name + ": expected '" + problem + "' in: " + e.getMessage());
      assertTrue(allocated < MAX_ALLOCATION, name + " " + options + " allocated " + allocated + " bytes");
    }
    if (!verifyToo) {
      return;
    }
    long before = AllocatedBytes.ofThisThread();
    String verdict = IndexFile.verify(file);
    assertTrue(AllocatedBytes.ofThisThread() - before < MAX_ALLOCATION, name + ": verify allocated too much");
    assertNotNull(verdict, name);
    assertTrue(verdict.startsWith(file + ": ") && verdict.contains(problem), name + ": " + verdict);
  }
}
