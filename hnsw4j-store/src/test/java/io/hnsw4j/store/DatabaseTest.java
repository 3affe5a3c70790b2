package io.hnsw4j.store;

import static io.hnsw4j.store.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.model.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collections of a data directory: create, list, get, exists, delete, across reopening. */
class DatabaseTest {
  @TempDir Path dir;

  @Test
  void collectionsLiveInTheDataDirectory() throws IOException {
    try (Database db = Database.open(dir)) {
      db.create("b", CollectionConfig.of(2, Distance.DOT));
      db.create("a.1_x-y", CollectionConfig.of(3, Distance.MANHATTAN).withHnsw(4, 32).withEf(50));
      assertEquals(List.of("a.1_x-y", "b"), db.list());
      assertTrue(db.exists("b"));
      assertFalse(db.exists("c"));
      assertTrue(db.find("c").isEmpty());
      db.get("b").upsert(List.of(new Point(PointId.of(1), new float[] {1, 2}, object("{'k': 'v'}"))), true);
      db.get("b").createSnapshot();
    }
    assertTrue(Files.isRegularFile(dir.resolve("collections/b/config.json")));
    try (Database db = Database.open(dir)) {
      assertEquals(List.of("a.1_x-y", "b"), db.list());
      assertEquals(CollectionConfig.of(3, Distance.MANHATTAN).withHnsw(4, 32).withEf(50), db.get("a.1_x-y").config());
      assertEquals(object("{'k': 'v'}"), db.get("b").get(PointId.of(1)).orElseThrow().payload());
      Collection b = db.get("b");
      assertTrue(db.delete("b"));
      assertFalse(db.delete("b"));
      assertEquals(List.of("a.1_x-y"), db.list());
      assertFalse(Files.exists(dir.resolve("collections/b")));
      assertEquals(StoreException.Kind.NOT_FOUND, assertThrows(StoreException.class, () -> b.count(null, true)).kind());
      assertEquals(1, Files.list(dir.resolve("snapshots/b")).filter(p -> p.toString().endsWith(".snapshot")).count(), "snapshots outlive the collection");
      // A new collection may take the name again, empty.
      assertEquals(0, db.create("b", CollectionConfig.of(2, Distance.COSINE)).count(null, true));
    }
  }

  @Test
  void unfinishedCreatesAndDeletesAreCleanedUpOnOpen() throws IOException {
    try (Database db = Database.open(dir)) {
      db.create("kept", CollectionConfig.of(2, Distance.EUCLID));
    }
    Path junk = dir.resolve("collections/.new-half-123");
    Files.createDirectories(junk);
    Files.writeString(junk.resolve("config.json"), "{");
    try (Database db = Database.open(dir)) {
      assertEquals(List.of("kept"), db.list());
    }
    assertFalse(Files.exists(junk));
  }

  @Test
  void aClosedDatabaseRefusesChanges() {
    Database db = Database.open(dir);
    Collection c = db.create("x", CollectionConfig.of(2, Distance.EUCLID));
    db.close();
    db.close();
    assertEquals(StoreException.Kind.CONFLICT, assertThrows(StoreException.class, () -> db.create("y", CollectionConfig.of(2, Distance.EUCLID))).kind());
    assertEquals(StoreException.Kind.NOT_FOUND, assertThrows(StoreException.class, () -> c.count(null, true)).kind());
    try (Database again = Database.open(dir)) {
      assertEquals(List.of("x"), again.list());
    }
  }
}
