package io.hnsw4j.store;

import static io.hnsw4j.store.TestJson.node;
import static io.hnsw4j.store.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static io.hnsw4j.store.TestFiles.flip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.FilterParser;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.model.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes survive closing and reopening, with and without checkpoints; damage is reported, not skipped. */
class DurabilityTest {
  @TempDir Path dir;

  private Path collectionDir() {
    return dir.resolve("collections").resolve("c");
  }

  private static final Filter RED = FilterParser.parse(node("{'must': {'key': 'color', 'match': {'value': 'red'}}}"));

  /** Writes a known history: 20 points, a payload change, a delete by filter, an index. */
  private static void history(Collection c) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      points.add(new Point(PointId.of(i), new float[] {i, 1}, object("{'color': '" + (i % 3 == 0 ? "red" : "blue") + "', 'i': " + i + "}")));
    }
    c.upsert(points, true);
    c.setPayload(PointSelector.ids(List.of(PointId.of(1))), object("{'color': 'red'}"), null, true);
    c.delete(PointSelector.matching(FilterParser.parse(node("{'must': {'key': 'i', 'range': {'gte': 15}}}"))), true);
    c.createPayloadIndex(FieldPath.parse("color"), PayloadSchemaType.KEYWORD, true);
  }

  private static void checkHistory(Collection c) {
    assertEquals(15, c.count(null, true));
    assertEquals(6, c.count(RED, true)); // 0, 3, 6, 9, 12 and 1
    assertEquals(object("{'color': 'red', 'i': 1}"), c.get(PointId.of(1)).orElseThrow().payload());
    assertArrayEquals(new float[] {7, 1}, c.get(PointId.of(7)).orElseThrow().vector());
    assertFalse(c.get(PointId.of(16)).isPresent());
    assertEquals(PayloadSchemaType.KEYWORD, c.info().payloadSchema().get("color").type());
    assertEquals(List.of(PointId.of(14), PointId.of(13)),
        c.search(SearchRequest.builder(new float[] {20, 1}).limit(2).build()).stream().map(ScoredPoint::id).toList());
  }

  @Test
  void closingWithoutACheckpointReplaysTheLog() {
    StoreOptions noCheckpoint = StoreOptions.DEFAULT.withCheckpointOnClose(false);
    try (Database db = Database.open(dir, noCheckpoint)) {
      history(db.create("c", CollectionConfig.of(2, Distance.EUCLID)));
    }
    assertFalse(Files.exists(collectionDir().resolve("MANIFEST")), "no checkpoint was written");
    try (Database db = Database.open(dir, noCheckpoint)) {
      Collection c = db.get("c");
      checkHistory(c);
      assertEquals(4, c.info().lastOperationId());
    }
    try (Database db = Database.open(dir)) {
      checkHistory(db.get("c")); // and once more, now checkpointing on close
    }
    assertTrue(Files.exists(collectionDir().resolve("MANIFEST")));
    try (Database db = Database.open(dir)) {
      checkHistory(db.get("c"));
    }
  }

  @Test
  void aCollectionNeverWrittenCheckpointsOnCloseAndThenTakesWrites() throws IOException {
    try (Database db = Database.open(dir)) {
      Collection c = db.create("c", CollectionConfig.of(2, Distance.EUCLID));
      c.checkpoint(); // before the first write: the log's one segment is already the fresh one
      assertNotNull(c.info().lastCheckpoint());
      assertEquals(16, c.info().walBytes(), "one empty segment");
    }
    try (Stream<Path> s = Files.list(collectionDir().resolve("wal"))) {
      assertEquals(List.of("00000000000000000001.wal"), s.map(p -> p.getFileName().toString()).toList());
    }
    try (Database db = Database.open(dir)) {
      Collection c = db.get("c");
      c.upsert(List.of(new Point(PointId.of(1), new float[] {1, 2}, object("{}"))), true);
      c.checkpoint();
    }
    try (Database db = Database.open(dir)) {
      assertEquals(1, db.get("c").count(null, true));
    }
  }

  @Test
  void aCheckpointTruncatesTheLogAndReopensToTheSameState() throws IOException {
    try (Database db = Database.open(dir, StoreOptions.DEFAULT.withCheckpointOnClose(false))) {
      Collection c = db.create("c", CollectionConfig.of(2, Distance.EUCLID));
      history(c);
      c.checkpoint();
      CollectionInfo info = c.info();
      assertEquals(16, info.walBytes(), "one empty segment");
      assertNotNull(info.lastCheckpoint());
      c.upsert(List.of(new Point(PointId.of(100), new float[] {0, 0}, object("{'color': 'red'}"))), true);
      c.delete(PointSelector.ids(List.of(PointId.of(100))), true);
    }
    try (Stream<Path> s = Files.list(collectionDir())) {
      assertEquals(List.of("MANIFEST", "config.json", "cp-00000000000000000004", "wal"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    try (Database db = Database.open(dir)) {
      Collection c = db.get("c");
      checkHistory(c);
      assertEquals(6, c.info().lastOperationId());
    }
  }

  @Test
  void checkpointsHappenByLogSizeAndByTime() throws Exception {
    try (Database db = Database.open(dir, StoreOptions.DEFAULT.withCheckpointWalBytes(4096))) {
      Collection c = db.create("c", CollectionConfig.of(8, Distance.DOT));
      for (int i = 0; i < 60; i++) {
        c.upsert(List.of(new Point(PointId.of(i), new float[] {i, 1, 2, 3, 4, 5, 6, 7}, object("{'pad': '" + "x".repeat(100) + "'}"))), true);
      }
      assertNotNull(c.info().lastCheckpoint());
      assertTrue(c.info().walBytes() < 4096 + 400, "log bytes " + c.info().walBytes());
    }
    Files.walk(dir.resolve("collections")).count(); // the directory is readable after close
    try (Database db = Database.open(dir, StoreOptions.DEFAULT.withCheckpointInterval(Duration.ofMillis(100)))) {
      Collection c = db.get("c");
      assertEquals(60, c.count(null, true));
      java.time.Instant before = c.info().lastCheckpoint();
      c.upsert(List.of(new Point(PointId.of(1000), new float[] {1, 1, 1, 1, 1, 1, 1, 1}, null)), true);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (c.info().lastCheckpoint().equals(before) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(c.info().lastCheckpoint().isAfter(before), "a checkpoint follows a write once the interval has passed");
      assertEquals(16, c.info().walBytes());
    }
  }

  @Test
  void leftoversOfAnInterruptedCheckpointAreIgnored() throws IOException {
    try (Database db = Database.open(dir)) {
      history(db.create("c", CollectionConfig.of(2, Distance.EUCLID)));
    }
    // What a crash can leave: an unfinished checkpoint and an older one not yet deleted.
    Files.createDirectories(collectionDir().resolve("cp-00000000000000000099.tmp"));
    Files.writeString(collectionDir().resolve("cp-00000000000000000099.tmp").resolve("index.hnsw"), "half written");
    Files.createDirectories(collectionDir().resolve("cp-00000000000000000001"));
    Files.writeString(collectionDir().resolve("MANIFEST.tmp"), "{");
    try (Database db = Database.open(dir)) {
      checkHistory(db.get("c"));
    }
    assertFalse(Files.exists(collectionDir().resolve("cp-00000000000000000099.tmp")));
    assertFalse(Files.exists(collectionDir().resolve("cp-00000000000000000001")));
  }

  @Test
  void damagedCheckpointFilesAreReportedByName() throws IOException {
    try (Database db = Database.open(dir)) {
      history(db.create("c", CollectionConfig.of(2, Distance.EUCLID)));
    }
    Path points = collectionDir().resolve("cp-00000000000000000004").resolve("points.bin");
    flip(points, Files.size(points) / 2);
    StoreException e = assertThrows(StoreException.class, () -> Database.open(dir));
    assertEquals(StoreException.Kind.INTERNAL, e.kind());
    assertTrue(e.getMessage().contains("collection c cannot be opened") && e.getMessage().contains(points.toString()), e.getMessage());

    flip(points, Files.size(points) / 2); // repaired
    Path index = collectionDir().resolve("cp-00000000000000000004").resolve("index.hnsw");
    flip(index, Files.size(index) - 40);
    e = assertThrows(StoreException.class, () -> Database.open(dir));
    assertTrue(e.getMessage().contains(index.toString()), e.getMessage());

    flip(index, Files.size(index) - 40);
    Files.delete(points);
    e = assertThrows(StoreException.class, () -> Database.open(dir));
    assertTrue(e.getMessage().contains(points + " is missing"), e.getMessage());
  }

  @Test
  void damageInTheMiddleOfTheLogIsReportedWithFileAndOffset() throws IOException {
    try (Database db = Database.open(dir, StoreOptions.DEFAULT.withCheckpointOnClose(false))) {
      history(db.create("c", CollectionConfig.of(2, Distance.EUCLID)));
    }
    Path wal;
    try (Stream<Path> s = Files.list(collectionDir().resolve("wal"))) {
      wal = s.findFirst().orElseThrow();
    }
    flip(wal, 16 + 20); // inside the first record, with three good records after it
    StoreException e = assertThrows(StoreException.class, () -> Database.open(dir));
    assertTrue(e.getMessage().contains(wal + " at offset 16"), e.getMessage());
  }

  @Test
  void concurrentWritersShareFsyncs() throws Exception {
    try (Database db = Database.open(dir)) {
      Collection c = db.create("c", CollectionConfig.of(2, Distance.EUCLID));
      int threads = 8;
      int each = 25;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            c.upsert(List.of(new Point(PointId.of(thread * 1000L + i), new float[] {thread, i}, null)), true);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      CollectionInfo info = c.info();
      assertEquals(threads * each, info.pointsCount());
      assertTrue(info.walFsyncs() < threads * each, info.walFsyncs() + " fsyncs for " + threads * each + " writes");
    }
  }
}
