package io.hnsw4j.store;

import static io.hnsw4j.store.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.model.StoreException;
import io.hnsw4j.store.storage.SnapshotArchive;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots: a consistent copy in one file that can be listed, read, deleted and recovered from. */
class SnapshotTest {
  @TempDir Path dir;
  @TempDir Path elsewhere;

  private static List<Point> points(int from, int to) {
    List<Point> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(new Point(PointId.of(i), new float[] {i, -i, 1}, object("{'i': " + i + ", 'odd': " + (i % 2 == 1) + "}")));
    }
    return out;
  }

  @Test
  void createListReadDeleteAndRecover() throws IOException {
    Path copy = elsewhere.resolve("copy.snapshot");
    SnapshotInfo info;
    try (Database db = Database.open(dir)) {
      Collection c = db.create("src", CollectionConfig.of(3, Distance.DOT));
      c.upsert(points(0, 50), true);
      c.createPayloadIndex(FieldPath.parse("odd"), PayloadSchemaType.BOOL, true);
      c.delete(PointSelector.ids(List.of(PointId.of(7))), true);
      info = c.createSnapshot();
      // Writes after the snapshot are not in it.
      c.upsert(points(50, 60), true);

      assertTrue(info.name().startsWith("src-") && info.name().endsWith(".snapshot"), info.name());
      assertEquals(List.of(info), c.listSnapshots());
      Path file = c.snapshotFile(info.name());
      assertEquals(Files.size(file), info.size());
      assertEquals(SnapshotArchive.sha256(file), info.checksum());
      Files.copy(file, copy);

      // Recover into a new collection.
      Collection restored = db.recoverSnapshot("restored", copy);
      assertEquals(49, restored.count(null, true));
      assertFalse(restored.get(PointId.of(7)).isPresent());
      assertFalse(restored.get(PointId.of(55)).isPresent());
      assertEquals(object("{'i': 8, 'odd': false}"), restored.get(PointId.of(8)).orElseThrow().payload());
      assertArrayEquals(new float[] {8, -8, 1}, restored.get(PointId.of(8)).orElseThrow().vector());
      assertEquals(PayloadSchemaType.BOOL, restored.info().payloadSchema().get("odd").type());
      assertEquals(
          c.search(SearchRequest.builder(new float[] {1, 0, 0}).limit(5).exact(true).build()).subList(0, 5).stream().map(ScoredPoint::id).toList(),
          List.of(PointId.of(59), PointId.of(58), PointId.of(57), PointId.of(56), PointId.of(55)));
      assertEquals(List.of(PointId.of(49), PointId.of(48), PointId.of(47)),
          restored.search(SearchRequest.builder(new float[] {1, 0, 0}).limit(3).build()).stream().map(ScoredPoint::id).toList());

      // Recover over an existing collection: it is replaced.
      Collection replaced = db.recoverSnapshot("src", copy);
      assertEquals(49, replaced.count(null, true));
      assertThrows(StoreException.class, () -> c.count(null, true), "the replaced collection is closed");

      assertTrue(replaced.deleteSnapshot(info.name()));
      assertFalse(replaced.deleteSnapshot(info.name()));
      assertEquals(List.of(), replaced.listSnapshots());
      StoreException missing = assertThrows(StoreException.class, () -> replaced.snapshotFile(info.name()));
      assertEquals(StoreException.Kind.NOT_FOUND, missing.kind());
      StoreException bad = assertThrows(StoreException.class, () -> replaced.snapshotFile("../../etc/passwd"));
      assertEquals(StoreException.Kind.BAD_REQUEST, bad.kind());
    }
    try (Database db = Database.open(dir)) {
      assertEquals(List.of("restored", "src"), db.list());
      assertEquals(49, db.get("restored").count(null, true));
      assertEquals(49, db.get("src").count(null, true));
    }
  }

  @Test
  void damagedOrForeignSnapshotsAreRefusedAndChangeNothing() throws IOException {
    try (Database db = Database.open(dir)) {
      Collection c = db.create("c", CollectionConfig.of(3, Distance.EUCLID));
      c.upsert(points(0, 10), true);
      Path file = c.snapshotFile(c.createSnapshot().name());

      Path damaged = elsewhere.resolve("damaged.snapshot");
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length / 2] ^= 0x40;
      Files.write(damaged, bytes);
      StoreException e = assertThrows(StoreException.class, () -> db.recoverSnapshot("c", damaged));
      assertEquals(StoreException.Kind.BAD_REQUEST, e.kind());
      assertEquals(10, db.get("c").count(null, true), "the existing collection is untouched");

      Path evil = elsewhere.resolve("evil.snapshot");
      try (OutputStream out = Files.newOutputStream(evil); ZipOutputStream zip = new ZipOutputStream(out)) {
        zip.putNextEntry(new ZipEntry("../../escaped"));
        zip.write(1);
        zip.closeEntry();
      }
      e = assertThrows(StoreException.class, () -> db.recoverSnapshot("evil", evil));
      assertTrue(e.getMessage().contains("would leave the collection directory"), e.getMessage());
      assertFalse(Files.exists(dir.resolve("escaped")));
      assertFalse(db.exists("evil"));

      Path notZip = elsewhere.resolve("text.snapshot");
      Files.writeString(notZip, "hello");
      assertEquals(StoreException.Kind.BAD_REQUEST, assertThrows(StoreException.class, () -> db.recoverSnapshot("x", notZip)).kind());
      assertEquals(StoreException.Kind.NOT_FOUND,
          assertThrows(StoreException.class, () -> db.recoverSnapshot("x", elsewhere.resolve("absent.snapshot"))).kind());
      assertEquals(List.of("c"), db.list());
    }
  }
}
