package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.format.IndexFile;
import io.hnsw4j.testutil.IndexBytes;
import io.hnsw4j.testutil.MixedIndex;
import io.hnsw4j.testutil.TestData;
import io.hnsw4j.vector.BitCodes;
import io.hnsw4j.vector.CentredCodes;
import io.hnsw4j.vector.Int4Codes;
import io.hnsw4j.vector.TraversalSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 1-bit and 4-bit codes round-trip through the index file with their centroid (format version
 * 2, section 8): both ways of opening read back the records byte for byte and the centroid the
 * codes were taken around (the first batch's mean, not the mean of the stored vectors that an
 * open of an older file takes), so a search walks the same candidates and answers the same, in
 * the order the nodes were built in and in Gorder.
 */
class CentredCodesFileTest {
  private static final int N = 400;
  private static final int DIM = 13; // odd: a 4-bit record's last byte holds one code
  private static final long SEED = 57;
  private static final List<OpenOptions> OPENS = List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED);

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "BINARY, l2, AS_BUILT", "BINARY, cosine, GORDER", "BINARY, ip, AS_BUILT",
    "INT4, l2, GORDER", "INT4, cosine, AS_BUILT", "INT4, ip, GORDER",
    "BINARY, l2, GORDER", "INT4, ip, AS_BUILT"
  })
  void codesAndCentroidReadBackAsSaved(Quantization mode, String metricName, NodeOrder order) throws IOException {
    IndexConfig config =
        MixedIndex.config(DIM, SEED).metric(Metric.byName(metricName)).quantization(mode).build();
    Path file = dir.resolve(mode + "-" + metricName + "-" + order + ".hnsw");
    Path unknownFormat = dir.resolve("unknown-" + file.getFileName());
    float[][] queries = TestData.uniform(30, DIM, SEED + 3);
    try (HnswIndex original = MixedIndex.build(N, SEED, config)) {
      List<Answer> expected = answers(original, queries);
      float[] centroid = ((CentredCodes) original.traversal()).centroid();
      original.save(file, order);
      IndexBytes bytes = new IndexBytes(Files.readAllBytes(file));
      int nodes = original.graph().nodeCount();
      int recordBytes = original.traversal().recordBytes();
      long codes = bytes.sectionOffset(IndexBytes.SECTION_CODES);
      assertEquals(2, bytes.getInt(8));
      assertEquals(mode == Quantization.BINARY ? BitCodes.RECORD_FORMAT : Int4Codes.RECORD_FORMAT, bytes.getInt(codes));
      assertEquals(16L + (long) nodes * recordBytes + 12 + 4 * DIM, bytes.sectionLength(IndexBytes.SECTION_CODES));
      Files.write(unknownFormat, bytes.putInt(codes, 99).resealFooter().bytes());
      for (OpenOptions options : OPENS) {
        String label = mode + " " + metricName + " " + order + " " + options;
        try (HnswIndex read = HnswIndex.open(file, options)) {
          assertArrayEquals(centroid, ((CentredCodes) read.traversal()).centroid(), label);
          assertSameLiveRecords(original, read, label);
          if (order == NodeOrder.AS_BUILT) {
            TraversalRecordsTest.assertSameRecords(original, read, label); // removed nodes' too
          }
          assertSameAnswers(expected, answers(read, queries), label);
          assertTrue(read.checkIntegrity().ok(), label + ": " + read.checkIntegrity());
        }
        // Without usable records an open encodes the floats around their mean: another centroid.
        try (HnswIndex encoded = HnswIndex.open(unknownFormat, options)) {
          assertFalse(java.util.Arrays.equals(centroid, ((CentredCodes) encoded.traversal()).centroid()), label);
          int exhaustive = nodes + 1;
          for (float[] q : queries) {
            assertEquals(original.search(q, 10, exhaustive), encoded.search(q, 10, exhaustive), label);
          }
        }
      }
    }
  }

  /**
   * An index saved before anything was encoded stores an empty centroid; the first batch after
   * the open teaches it, as it does a new index, and the codes come out as a new index's.
   */
  @ParameterizedTest
  @EnumSource(value = Quantization.class, names = {"BINARY", "INT4"})
  void anEmptyIndexLearnsItsCentroidAfterTheOpen(Quantization mode) throws IOException {
    IndexConfig config = IndexConfig.builder(DIM).quantization(mode).seed(SEED).build();
    Path file = dir.resolve("empty-" + mode + ".hnsw");
    try (HnswIndex empty = HnswIndex.create(config)) {
      empty.save(file);
    }
    assertEquals(16 + 12, new IndexBytes(Files.readAllBytes(file)).sectionLength(IndexBytes.SECTION_CODES));
    try (HnswIndex mapped = HnswIndex.open(file, OpenOptions.MEMORY_MAPPED)) {
      assertNull(((CentredCodes) mapped.traversal()).centroid());
      assertEquals(List.of(), mapped.search(new float[DIM], 5));
    }
    float[][] batch = TestData.uniform(200, DIM, SEED + 4);
    try (HnswIndex reopened = HnswIndex.open(file); HnswIndex fresh = HnswIndex.create(config)) {
      assertNull(((CentredCodes) reopened.traversal()).centroid());
      reopened.addAll(TestData.sequentialIds(200), batch, 1);
      fresh.addAll(TestData.sequentialIds(200), batch, 1);
      assertArrayEquals(((CentredCodes) fresh.traversal()).centroid(), ((CentredCodes) reopened.traversal()).centroid());
      TraversalRecordsTest.assertSameRecords(fresh, reopened, mode.toString());
    }
  }

  /**
   * A centroid of a version this library does not know (a later writer's), its checksum sound:
   * the file opens, and the codes are computed again from the floats, as for an unknown record
   * format.
   */
  @Test
  void anUnknownCentroidVersionMakesTheOpenEncodeAgain() throws IOException {
    IndexConfig config = MixedIndex.config(DIM, SEED).quantization(Quantization.INT4).build();
    Path file = dir.resolve("centroid-v2.hnsw");
    float[][] queries = TestData.uniform(10, DIM, SEED + 5);
    try (HnswIndex original = MixedIndex.build(N, SEED, config)) {
      original.save(file);
      IndexBytes bytes = new IndexBytes(Files.readAllBytes(file));
      Files.write(file, bytes.putInt(bytes.centroidOffset(), 2).resealCentroid().resealFooter().bytes());
      assertNull(IndexFile.verify(file));
      float[] centroid = ((CentredCodes) original.traversal()).centroid();
      for (OpenOptions options : OPENS) {
        try (HnswIndex encoded = HnswIndex.open(file, options)) {
          assertFalse(java.util.Arrays.equals(centroid, ((CentredCodes) encoded.traversal()).centroid()), options.toString());
          for (float[] q : queries) {
            assertEquals(original.search(q, 10, N + 1), encoded.search(q, 10, N + 1), options.toString());
          }
        }
      }
    }
  }

  /** Each live node's record, found by its id: the nodes may lie in another order in the file. */
  private static void assertSameLiveRecords(HnswIndex expected, HnswIndex actual, String label) {
    TraversalSpace want = expected.traversal();
    TraversalSpace got = actual.traversal();
    byte[] a = new byte[want.recordBytes()];
    byte[] b = new byte[got.recordBytes()];
    long[] ids = expected.ids().sorted().toArray();
    assertEquals(ids.length, actual.size(), label);
    for (long id : ids) {
      want.exportRecord(expected.ordinalOf(id), a, 0);
      got.exportRecord(actual.ordinalOf(id), b, 0);
      assertArrayEquals(a, b, label + ": id " + id);
    }
  }

  /**
   * The same results, ids and distances, and the same walk: mapped, the file's graph is searched
   * as it is; on the heap the spanning trees are found again along the same links
   * ({@link HeapOpenLinksTest}).
   */
  private static void assertSameAnswers(List<Answer> expected, List<Answer> actual, String label) {
    assertEquals(expected.size(), actual.size(), label);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).results(), actual.get(i).results(), label + ": search " + i);
      assertEquals(expected.get(i).cost(), actual.get(i).cost(), label + ": search " + i);
    }
  }

  /** What a search returns, and the work its walk did (the same walk scores the same nodes). */
  private record Answer(List<SearchResult> results, SearchCost cost) {}

  private static List<Answer> answers(HnswIndex index, float[][] queries) {
    List<Answer> answers = new ArrayList<>();
    for (int ef : new int[] {10, 40}) {
      for (float[] q : queries) {
        List<SearchResult> results = index.search(q, 10, ef);
        answers.add(new Answer(results, index.lastSearchCost()));
      }
    }
    return answers;
  }
}
