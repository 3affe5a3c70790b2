package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.format.IndexFile;
import io.hnsw4j.testutil.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersistenceTest {
  private static final int N = 3000;
  private static final int DIM = 24;
  @TempDir static Path dir;
  static TestData.Split data;
  static Path saved;
  static HnswIndex original;

  @BeforeAll
  static void build() throws IOException {
    data = TestData.clusteredSplit(N, 50, DIM, 20, 7);
    original = HnswIndex.create(IndexConfig.builder(DIM).m(8).efConstruction(64).seed(7).build());
    original.addAll(TestData.sequentialIds(N), data.base(), 2);
    // Removed ids must stay removed after a round trip.
    for (long id = 0; id < N; id += 10) {
      original.remove(id);
    }
    saved = dir.resolve("index.hnsw");
    original.save(saved);
  }

  @ParameterizedTest(name = "memoryMapped={0}")
  @ValueSource(booleans = {false, true})
  void roundTripGivesIdenticalResults(boolean mapped) throws IOException {
    OpenOptions options = mapped ? OpenOptions.MEMORY_MAPPED : OpenOptions.DEFAULT;
    try (HnswIndex reopened = HnswIndex.open(saved, options)) {
      assertEquals(original.size(), reopened.size());
      // The capacity reserved at load time follows the file; everything else round-trips.
      assertEquals(original.config(), reopened.config().toBuilder().initialCapacity(1024).build());
      assertEquals(mapped, reopened.isReadOnly());
      for (float[] q : data.queries()) {
        assertEquals(original.search(q, 10, 50), reopened.search(q, 10, 50));
      }
      assertArrayEquals(original.vector(5), reopened.vector(5));
      assertFalse(reopened.contains(10));
      assertTrue(reopened.contains(11));
      assertEquals(original.ids().sorted().boxed().toList(), reopened.ids().sorted().boxed().toList());
      IntegrityReport report = reopened.checkIntegrity();
      assertTrue(report.ok(), report.toString());
    }
  }

  @Test
  void mappedIndexIsReadOnly() throws IOException {
    try (HnswIndex mapped = HnswIndex.open(saved, OpenOptions.MEMORY_MAPPED)) {
      assertThrows(UnsupportedOperationException.class, () -> mapped.add(1, data.queries()[0]));
      assertThrows(UnsupportedOperationException.class, () -> mapped.remove(1));
    }
  }

  @Test
  void heapOpenedIndexKeepsGrowing() throws IOException {
    try (HnswIndex reopened = HnswIndex.open(saved)) {
      reopened.add(N + 1, data.queries()[0]);
      assertEquals(N + 1, reopened.search(data.queries()[0], 1).get(0).id());
    }
  }

  @Test
  void saveReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
    Path target = dir.resolve("replace.hnsw");
    Files.writeString(target, "old content");
    original.save(target);
    try (HnswIndex reopened = HnswIndex.open(target)) {
      assertEquals(original.size(), reopened.size());
    }
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")));
    }
  }

  @Test
  void emptyIndexRoundTrips() throws IOException {
    Path file = dir.resolve("empty.hnsw");
    try (HnswIndex empty = HnswIndex.create(IndexConfig.builder(3).build())) {
      empty.save(file);
    }
    for (OpenOptions options : List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED)) {
      try (HnswIndex reopened = HnswIndex.open(file, options)) {
        assertEquals(0, reopened.size());
        assertEquals(List.of(), reopened.search(new float[] {1, 2, 3}, 5));
      }
    }
  }

  // ---- damaged files: always a CorruptIndexException naming the file ----

  private static void assertCorrupt(Path file, String expectedText) {
    for (OpenOptions options : List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED.withVerifyChecksum(true))) {
      CorruptIndexException e = assertThrows(CorruptIndexException.class, () -> HnswIndex.open(file, options).close());
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertTrue(e.getMessage().contains(expectedText), "expected '" + expectedText + "' in: " + e.getMessage());
    }
  }

  @Test
  void truncatedFilesFail() throws IOException {
    byte[] bytes = Files.readAllBytes(saved);
    Random random = new Random(3);
    for (int i = 0; i < 20; i++) {
      int length = random.nextInt(bytes.length);
      Path cut = dir.resolve("cut-" + length + ".hnsw");
      Files.write(cut, java.util.Arrays.copyOf(bytes, length));
      CorruptIndexException e = assertThrows(CorruptIndexException.class, () -> HnswIndex.open(cut).close());
      assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }
    Path cut = dir.resolve("cut-footer.hnsw");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    assertCorrupt(cut, "truncated");
  }

  @Test
  void flippedBytesFail() throws IOException {
    byte[] bytes = Files.readAllBytes(saved);
    Random random = new Random(5);
    for (int i = 0; i < 30; i++) {
      byte[] damaged = bytes.clone();
      int at = 16 + random.nextInt(bytes.length - 16);
      damaged[at] ^= (byte) (1 + random.nextInt(255));
      Path file = dir.resolve("flip-" + at + ".hnsw");
      Files.write(file, damaged);
      // Every full check names the damage alike, whatever else the flipped byte broke.
      for (OpenOptions options : List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED.withVerifyChecksum(true))) {
        CorruptIndexException e =
            assertThrows(CorruptIndexException.class, () -> HnswIndex.open(file, options).close(), "byte " + at);
        assertTrue(e.getMessage().contains("checksum mismatch") || e.getMessage().contains("bad footer"),
            "byte " + at + ": " + e.getMessage());
      }
      assertTrue(IndexFile.verify(file) != null);
    }
    assertEquals(null, IndexFile.verify(saved));
  }

  @Test
  void foreignFileFails() throws IOException {
    Path file = dir.resolve("foreign.fvecs");
    Files.write(file, new byte[] {4, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18});
    assertCorrupt(file, "not an hnsw4j index file");
    Path tiny = dir.resolve("tiny");
    Files.write(tiny, new byte[] {1, 2});
    assertCorrupt(tiny, "not an hnsw4j index file");
  }

  @Test
  void newerVersionFails() throws IOException {
    byte[] bytes = Files.readAllBytes(saved);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 3);
    Path file = dir.resolve("v3.hnsw");
    Files.write(file, bytes);
    assertCorrupt(file, "newer than this library reads");
  }

  @Test
  void missingFileFails() {
    Path file = dir.resolve("nope.hnsw");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> HnswIndex.open(file));
    assertTrue(e.getMessage().contains("nope.hnsw"));
  }

  @Test
  void directoriesAreNamedAndLeftAlone() throws IOException {
    Path folder = dir.resolve("a-folder");
    Files.createDirectories(folder);
    String expected = folder + ": is a directory, not an index file";
    for (OpenOptions options : List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED)) {
      IOException e = assertThrows(IOException.class, () -> HnswIndex.open(folder, options).close());
      assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
    IOException e = assertThrows(IOException.class, () -> original.save(folder));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(Files.isDirectory(folder));
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")));
    }
  }

  @Test
  void savingIntoAMissingDirectoryNamesTheTarget() {
    Path file = dir.resolve("missing").resolve("x.hnsw");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> original.save(file));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("no directory"), e.getMessage());
  }

  @Test
  void nullFilesAreIllegalArguments() {
    for (Executable call : List.<Executable>of(
        () -> original.save(null), () -> HnswIndex.open(null), () -> HnswIndex.open(null, OpenOptions.MEMORY_MAPPED))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
      assertEquals("file must not be null", e.getMessage());
    }
  }

  /** A name the file could not give back as itself is refused before anything is written. */
  @Test
  void customMetricNamesThatCannotBeStoredAreRefusedAtSave() {
    for (String name : List.of("null\0char", "x".repeat(70_000), "half\uD800pair")) {
      Metric metric = Metric.custom(name, (a, b) -> 0);
      Path file = dir.resolve("unstorable.hnsw");
      try (HnswIndex index = HnswIndex.create(IndexConfig.builder(2).metric(metric).build())) {
        index.add(1, new float[] {1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> index.save(file));
        assertTrue(e.getMessage().contains("cannot be stored in an index file"), e.getMessage());
      }
      assertFalse(Files.exists(file));
    }
  }

  @Test
  void customMetricMustBeSuppliedAgain() throws IOException {
    Metric manhattan = Metric.custom("manhattan", (a, b) -> {
      float sum = 0;
      for (int i = 0; i < a.length; i++) {
        sum += Math.abs(a[i] - b[i]);
      }
      return sum;
    });
    Path file = dir.resolve("custom.hnsw");
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(DIM).metric(manhattan).build())) {
      index.addAll(TestData.sequentialIds(200), java.util.Arrays.copyOf(data.base(), 200), 1);
      index.save(file);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HnswIndex.open(file));
      assertTrue(e.getMessage().contains("manhattan"), e.getMessage());
      try (HnswIndex reopened = HnswIndex.open(file, OpenOptions.DEFAULT.withCustomMetric(manhattan))) {
        assertEquals(index.search(data.queries()[0], 5), reopened.search(data.queries()[0], 5));
      }
    }
  }
}
