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
  static byte[] binaryFile;
  static byte[] int4File;

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
    try (HnswIndex index = MixedIndex.build(300, 3, MixedIndex.config(8, 3).quantization(Quantization.BINARY).build())) {
      index.save(dir.resolve("binary.hnsw"));
    }
    try (HnswIndex index = MixedIndex.build(300, 3, MixedIndex.config(9, 3).quantization(Quantization.INT4).build())) {
      index.save(dir.resolve("int4.hnsw"));
    }
    int8File = Files.readAllBytes(dir.resolve("int8.hnsw"));
    binaryFile = Files.readAllBytes(dir.resolve("binary.hnsw"));
    int4File = Files.readAllBytes(dir.resolve("int4.hnsw"));
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
    IndexBytes b = withCodesLength(int8File, length - 20);
    assertRefusedFile("records-cut", b.reseal(b.headerLength()).bytes(), "cannot hold " + nodes + " records of 20 bytes", true);
    // A centroid after int8 records, which have none.
    IndexBytes appended = withCodesLength(int8File, length + 12 + 4 * 8);
    appended.putInt(appended.centroidOffset(), 1).putInt(appended.centroidOffset() + 4, 8).resealCentroid();
    assertRefusedFile("int8-centroid", appended.reseal(appended.headerLength()).bytes(),
        "the traversal records of format 1 (int8) have a centroid after them", true);
  }

  /**
   * The centroid after 1-bit and 4-bit records (here 4-bit, dimension 9): damaged, of the wrong
   * length, holding NaN, cut short or missing is refused by every open and by verify; an empty
   * one (nothing encoded) before records of live nodes by the opens.
   */
  @Test
  void craftedCentroidsAreRefused() throws IOException {
    IndexBytes sample = new IndexBytes(int4File);
    long length = sample.sectionLength(IndexBytes.SECTION_CODES);
    int records = sample.recordsLength();
    long centroid = sample.centroidOffset();
    int entry = sample.sectionEntry(IndexBytes.SECTION_CODES);
    assertEquals(16L + records + 12 + 4 * 9, length);
    assertEquals(List.of(1, 9), List.of(sample.getInt(centroid), sample.getInt(centroid + 4)));
    assertRefused("centroid-byte", int4File, b -> b.bytes()[(int) centroid + 8 + 4 * 3 + 1] ^= 4,
        "the traversal centroid is damaged (checksum mismatch)");
    assertRefused("centroid-crc", int4File, b -> b.putInt(centroid + 8 + 4 * 9, b.getInt(centroid + 8 + 4 * 9) ^ 1),
        "the traversal centroid is damaged (checksum mismatch)");
    assertRefused("centroid-nan", int4File, b -> b.putFloat(centroid + 8 + 4 * 2, Float.NaN).resealCentroid(),
        "the traversal centroid holds NaN at component 2");
    assertRefused("centroid-inf", int4File, b -> b.putFloat(centroid + 8, Float.NEGATIVE_INFINITY).resealCentroid(),
        "the traversal centroid holds -Infinity at component 0");
    assertRefused("centroid-count", int4File, b -> b.putInt(centroid + 4, 10), "the traversal centroid of 10 components does not fill the 48 bytes");
    assertRefused("centroid-negative", int4File, b -> b.putInt(centroid + 4, -1), "the traversal centroid of -1 components");
    assertRefused("centroid-beyond", int4File, b -> b.putLong(entry + 16, length + 8), "does not fill the 56 bytes");
    assertRefused("centroid-far-beyond", int4File, b -> b.putLong(entry + 16, length + 64), "section 8 at");
    // The section made shorter, the header and footer made to agree: cut inside the centroid,
    // the centroid gone, a centroid of one component too few, an empty centroid.
    IndexBytes cut = withCodesLength(int4File, length - 4);
    assertRefusedFile("centroid-cut", cut.reseal(cut.headerLength()).bytes(),
        "the traversal centroid of 9 components does not fill the 44 bytes after the records (truncated or damaged)", true);
    IndexBytes gone = withCodesLength(int4File, length - 12 - 4 * 9);
    assertRefusedFile("centroid-gone", gone.reseal(gone.headerLength()).bytes(),
        "the traversal records of format 3 have no centroid after them (truncated or damaged)", true);
    IndexBytes shorter = withCodesLength(int4File, length - 4);
    shorter.putInt(centroid + 4, 8).resealCentroid();
    assertRefusedFile("centroid-8", shorter.reseal(shorter.headerLength()).bytes(),
        "the traversal centroid has 8 components, the dimension is 9", true);
    IndexBytes empty = withCodesLength(int4File, length - 4 * 9);
    empty.putInt(centroid + 4, 0).resealCentroid().reseal(empty.headerLength());
    assertRefusedOnOpen("centroid-empty", empty, "has no centroid stored to read it by");
  }

  /** 1-bit and 4-bit records that their {@code set} cannot write, under recomputed checksums. */
  @Test
  void craftedCentredRecordsAreRefused() throws IOException {
    IndexBytes bits = new IndexBytes(binaryFile);
    long codes = bits.sectionOffset(IndexBytes.SECTION_CODES);
    int bitRecord = bits.getInt(codes + 4);
    assertEquals(16 + 8, bitRecord);
    long node = codes + 12 + (long) bitRecord * liveNode(bits); // s, t, correction, spare, one word of bits
    assertRefusedOnOpen("bits-t", new IndexBytes(binaryFile.clone()).putFloat(node + 4, Float.intBitsToFloat(bits.getInt(node + 4)) + 1f),
        "does not match scale");
    assertRefusedOnOpen("bits-s", new IndexBytes(binaryFile.clone()).putFloat(node, -1f), "scale -1.0");
    assertRefusedOnOpen("bits-l2", new IndexBytes(binaryFile.clone()).putFloat(node + 8, -2f), "correction -2.0 cannot be a 1-bit record's");
    assertRefusedOnOpen("bits-spare", new IndexBytes(binaryFile.clone()).putInt(node + 12, 1), "in the spare float");
    byte[] padding = binaryFile.clone();
    padding[(int) node + 16 + 1] ^= 1; // bit 8: past the 8 dimensions
    assertRefusedOnOpen("bits-padding", new IndexBytes(padding), "bits set past dimension 8");

    IndexBytes int4 = new IndexBytes(int4File);
    long int4Codes = int4.sectionOffset(IndexBytes.SECTION_CODES);
    int int4Record = int4.getInt(int4Codes + 4);
    assertEquals(12 + 5, int4Record);
    long at = int4Codes + 12 + (long) int4Record * liveNode(int4);
    assertRefusedOnOpen("int4-scale", new IndexBytes(int4File.clone()).putFloat(at + 4, Float.NaN),
        "scale NaN, squared norm");
    assertRefusedOnOpen("int4-offset", new IndexBytes(int4File.clone()).putFloat(at, Float.POSITIVE_INFINITY),
        "offset Infinity");
    assertRefusedOnOpen("int4-norm", new IndexBytes(int4File.clone()).putFloat(at + 8, -3f), "squared norm -3.0 cannot be an int4 record's");
    byte[] nibble = int4File.clone();
    nibble[(int) at + 12 + 4] |= (byte) 0x30;
    assertRefusedOnOpen("int4-nibble", new IndexBytes(nibble), "a code is set past dimension 9");
  }

  /** The first node that is not a free slot: its record is checked on open. */
  private static int liveNode(IndexBytes b) {
    long info = b.sectionOffset(IndexBytes.SECTION_NODE_INFO);
    int node = 0;
    while ((b.getInt(info + 8L * node) & 0x300) != 0) {
      node++;
    }
    return node;
  }

  /**
   * {@code sample} with section 8 (the last) made {@code codesLength} bytes long: cut, or grown
   * with zeros; the file's length, the section table and the footer's magic made to agree. The
   * caller reseals.
   */
  private static IndexBytes withCodesLength(byte[] sample, long codesLength) {
    IndexBytes original = new IndexBytes(sample);
    long codes = original.sectionOffset(IndexBytes.SECTION_CODES);
    long oldEnd = codes + original.sectionLength(IndexBytes.SECTION_CODES);
    byte[] resized = new byte[(int) (align(codes + codesLength) + 16)];
    System.arraycopy(sample, 0, resized, 0, (int) Math.min(oldEnd, codes + codesLength));
    System.arraycopy("HNSW4END".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, resized, resized.length - 8, 8);
    IndexBytes b = new IndexBytes(resized);
    return b.putLong(16, resized.length).putLong(b.sectionEntry(IndexBytes.SECTION_CODES) + 16, codesLength);
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
