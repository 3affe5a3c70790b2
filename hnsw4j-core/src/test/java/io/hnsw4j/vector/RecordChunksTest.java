package io.hnsw4j.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordChunksTest {
  private static final int REGION = 4096;
  private static final ChunkShape SHAPE = new ChunkShape(6);

  @ParameterizedTest(name = "{0} bytes in slots of {1}")
  @CsvSource({"112, 128", "128, 128", "65, 128", "62, 64", "64, 64", "48, 64", "32, 32", "17, 32", "12, 16", "1, 16"})
  void recordsThatFitALineGetSlotsOnLinesWhenTheFirstReservationFillsHalfAChunk(int recordBytes, int slot) {
    RecordChunks records = new RecordChunks(recordBytes, SHAPE, REGION);
    records.ensureCapacity(REGION / slot / 2);
    assertTrue(records.lined());
    int nodes = 3 * REGION / slot + 5;
    records.ensureCapacity(nodes);
    for (int node = 0; node < nodes; node++) {
      byte[] chunk = records.chunkOf(node);
      int at = records.offsetOf(node);
      if (node % (REGION / slot) == 0) {
        assertEquals(recordBytes, chunk.length, "the first of a chunk has an array of its own");
        assertEquals(0, at);
      } else {
        assertEquals(REGION - RecordChunks.ARRAY_HEADER, chunk.length, "a chunk is one region with its header");
        assertEquals(0, (at + RecordChunks.ARRAY_HEADER) % slot, "node " + node + " at " + at);
        assertTrue(at >= 0 && at + recordBytes <= chunk.length, "node " + node + " at " + at);
      }
    }
    assertRecordsKeptApartAndInPlace(records, nodes);
  }

  @Test
  void recordsStayPackedWhenLargerThanTwoLinesOrFewOrTheRegionIsOff() {
    RecordChunks large = new RecordChunks(129, SHAPE, REGION);
    large.ensureCapacity(1000);
    RecordChunks few = new RecordChunks(62, SHAPE, REGION);
    few.ensureCapacity(REGION / 64 / 2 - 1);
    RecordChunks off = new RecordChunks(62, SHAPE, 0);
    off.ensureCapacity(1000);
    RecordChunks oddRegion = new RecordChunks(62, SHAPE, 3000);
    oddRegion.ensureCapacity(1000);
    for (RecordChunks records : new RecordChunks[] {large, few, off, oddRegion}) {
      assertFalse(records.lined());
      int bytes = records.recordBytes();
      records.ensureCapacity(300);
      for (int node = 0; node < 300; node++) {
        assertEquals((node & SHAPE.mask()) * bytes, records.offsetOf(node));
        assertEquals(SHAPE.mask() + 1, records.chunkOf(node).length / bytes);
      }
      assertRecordsKeptApartAndInPlace(records, 300);
    }
  }

  @Test
  void theLayoutOnceChosenIsKept() {
    RecordChunks packed = new RecordChunks(62, SHAPE, REGION);
    packed.ensureCapacity(10);
    packed.ensureCapacity(10_000);
    assertFalse(packed.lined());
    RecordChunks lined = new RecordChunks(62, SHAPE, REGION);
    lined.ensureCapacity(REGION / 64 / 2);
    assertTrue(lined.lined());
    lined.ensureCapacity(10_000);
    assertTrue(lined.lined());
    assertTrue(lined.memoryBytes() >= 10_000L * 64, "memory " + lined.memoryBytes());
    assertTrue(lined.memoryBytes() <= (10_000L + 2 * REGION / 64) * 80, "memory " + lined.memoryBytes());
  }

  @Test
  void aScorerMadeBeforeTheFirstReservationFindsRecordsWrittenAfterIt() {
    for (int region : new int[] {REGION, 0}) {
      RecordChunks records = new RecordChunks(62, SHAPE, region);
      Probe early = new Probe(records);
      records.ensureCapacity(500);
      Probe grown = new Probe(records);
      records.ensureCapacity(2000);
      for (int node = 0; node < 2000; node++) {
        records.chunkOf(node)[records.offsetOf(node)] = (byte) node;
        records.chunkOf(node)[records.offsetOf(node) + 61] = (byte) (node >>> 8);
      }
      for (int node = 1999; node >= 0; node--) {
        assertEquals((float) (node & 0xffff), early.score(node), "node " + node);
        assertEquals((float) (node & 0xffff), grown.score(node), "node " + node);
      }
      int[] all = new int[2000];
      Arrays.setAll(all, i -> i);
      early.prefetch(all, all.length); // no chunk it has not seen is touched
    }
  }

  @Test
  void theRegionIsG1sChoiceForTheHeapOrTheProperty() {
    int region = RecordChunks.regionBytes();
    assertEquals(1, Integer.bitCount(region));
    assertTrue(region >= 1 << 20 && region <= 32 << 20, "region " + region);
    String before = System.getProperty(RecordChunks.REGION_PROPERTY);
    try {
      System.setProperty(RecordChunks.REGION_PROPERTY, " 8192 ");
      assertEquals(8192, RecordChunks.regionBytes());
      System.setProperty(RecordChunks.REGION_PROPERTY, "8M");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, RecordChunks::regionBytes);
      assertTrue(e.getMessage().contains(RecordChunks.REGION_PROPERTY) && e.getMessage().contains("\"8M\""), e.getMessage());
    } finally {
      restore(before);
    }
  }

  @ParameterizedTest(name = "{0} of {1} dims, {2}")
  @CsvSource({
    "int4, 100, L2", "int4, 100, DOT", "int4, 104, DOT", "int4, 7, L2",
    "bits, 100, DOT", "bits, 384, L2", "bits, 64, DOT",
    "bits, 768, DOT", "bits, 896, L2", "int4, 232, L2",
    "int8, 40, L2", "int8, 52, DOT", "int8, 100, L2", "int8, 116, DOT"
  })
  void codesOnLinesScoreAsPackedOnes(String codes, int dim, VectorMetric.Kind kind) {
    VectorMetric metric = new VectorMetric(kind, kind.name(), null);
    Function<ChunkShape, RecordCodes> make = switch (codes) {
      case "int4" -> shape -> new Int4Codes(dim, metric, shape);
      case "bits" -> shape -> new BitCodes(dim, metric, shape);
      default -> shape -> new Int8Codes(dim, metric, shape);
    };
    Random random = new Random(dim * 31L + codes.hashCode());
    int n = 700;
    float[][] vectors = new float[n][dim];
    for (float[] v : vectors) {
      for (int i = 0; i < dim; i++) {
        v[i] = (float) random.nextGaussian();
      }
    }
    RecordCodes packed = withRegion(0, () -> make.apply(SHAPE));
    RecordCodes lined = withRegion(REGION, () -> make.apply(SHAPE));
    for (RecordCodes space : new RecordCodes[] {packed, lined}) {
      if (space instanceof CentredCodes centred) {
        centred.fixCentroid(vectors[0]);
      }
      space.ensureCapacity(n);
      for (int node = 0; node < n; node++) {
        space.set(node, vectors[node]);
      }
    }
    assertFalse(packed.records.lined());
    assertTrue(lined.records.lined(), "records of " + lined.recordBytes() + " bytes");
    byte[] a = new byte[packed.recordBytes()];
    byte[] b = new byte[lined.recordBytes()];
    for (int q = 0; q < 5; q++) {
      float[] query = vectors[random.nextInt(n)].clone();
      query[0] += 0.5f;
      NodeScorer p = packed.scorer(query);
      NodeScorer l = lined.scorer(query);
      for (int node = 0; node < n; node++) {
        assertEquals(p.score(node), l.score(node), "node " + node);
        packed.exportRecord(node, a, 0);
        lined.exportRecord(node, b, 0);
        assertArrayEquals(a, b, "node " + node);
      }
    }
  }

  /** Writes a distinct record at every node, then checks none was overwritten by another. */
  private static void assertRecordsKeptApartAndInPlace(RecordChunks records, int nodes) {
    Map<byte[], Boolean> arrays = new IdentityHashMap<>();
    byte[][] before = new byte[nodes][];
    int bytes = records.recordBytes();
    for (int node = 0; node < nodes; node++) {
      byte[] chunk = records.chunkOf(node);
      arrays.put(chunk, true);
      before[node] = chunk;
      Arrays.fill(chunk, records.offsetOf(node), records.offsetOf(node) + bytes, (byte) (node * 7 + 1));
    }
    records.ensureCapacity(nodes * 2); // growing moves nothing
    for (int node = 0; node < nodes; node++) {
      byte[] chunk = records.chunkOf(node);
      assertSame(before[node], chunk);
      int at = records.offsetOf(node);
      for (int i = at; i < at + bytes; i++) {
        assertEquals((byte) (node * 7 + 1), chunk[i], "node " + node + " byte " + (i - at));
      }
    }
    assertTrue(arrays.size() >= 2);
  }

  private static <T> T withRegion(int region, java.util.function.Supplier<T> make) {
    String before = System.getProperty(RecordChunks.REGION_PROPERTY);
    try {
      System.setProperty(RecordChunks.REGION_PROPERTY, Integer.toString(region));
      return make.get();
    } finally {
      restore(before);
    }
  }

  private static void restore(String before) {
    if (before == null) {
      System.clearProperty(RecordChunks.REGION_PROPERTY);
    } else {
      System.setProperty(RecordChunks.REGION_PROPERTY, before);
    }
  }

  /** Reads back the two bytes the test wrote into each record. */
  private static final class Probe extends RecordChunks.Scorer {
    Probe(RecordChunks records) {
      super(records);
    }

    @Override
    public float score(int node) {
      byte[] block = chunk(node);
      int at = offset(node);
      return (block[at] & 0xff) | (block[at + 61] & 0xff) << 8;
    }
  }
}
