package io.hnsw4j.store;

import static io.hnsw4j.store.TestJson.node;
import static io.hnsw4j.store.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.store.filter.FilterParser;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.json.PointsJson;
import io.hnsw4j.store.json.RequestsJson;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSelector;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.model.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets a clear error of the right kind, and nothing stored changes. */
class BadInputTest {
  @TempDir Path dir;
  Database db;
  Collection c;

  @BeforeEach
  void open() {
    db = Database.open(dir);
    c = db.create("c", CollectionConfig.of(3, Distance.COSINE));
    c.upsert(List.of(new Point(PointId.of(1), new float[] {1, 2, 3}, object("{'a': 1}"))), true);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void rejected(StoreException.Kind kind, String message, Executable call) {
    long before = c.info().lastOperationId();
    StoreException e = assertThrows(StoreException.class, call);
    assertEquals(kind, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains(message), "'" + e.getMessage() + "' should mention '" + message + "'");
    assertEquals(before, c.info().lastOperationId(), "nothing may be logged");
    RetrievedPoint p = c.get(PointId.of(1)).orElseThrow();
    assertEquals(object("{'a': 1}"), p.payload());
    assertEquals(1, c.count(null, true));
  }

  @Test
  void badVectors() {
    rejected(StoreException.Kind.BAD_REQUEST, "has 2 components; the collection's vectors have 3",
        () -> c.upsert(List.of(new Point(PointId.of(2), new float[] {1, 2}, null)), true));
    rejected(StoreException.Kind.BAD_REQUEST, "points[1].vector[2] is NaN",
        () -> c.upsert(List.of(new Point(PointId.of(2), new float[] {1, 2, 3}, null), new Point(PointId.of(3), new float[] {1, 2, Float.NaN}, null)), true));
    rejected(StoreException.Kind.BAD_REQUEST, "all zeros",
        () -> c.upsert(List.of(new Point(PointId.of(2), new float[] {0, 0, 0}, null)), true));
    rejected(StoreException.Kind.BAD_REQUEST, "points[1].vector has 2 components",
        () -> c.checkPoints(List.of(new Point(PointId.of(2), new float[] {1, 2, 3}, null), new Point(PointId.of(3), new float[] {1, 2}, null))));
    rejected(StoreException.Kind.BAD_REQUEST, "points[0].vector is required",
        () -> c.checkPoints(List.of(new Point(PointId.of(2), null, null))));
    c.checkPoints(List.of(new Point(PointId.of(2), new float[] {1, 2, 3}, null))); // checks only: nothing written
    assertEquals(1, c.count(null, true));
    rejected(StoreException.Kind.BAD_REQUEST, "vector has 4 components",
        () -> c.search(SearchRequest.builder(new float[] {1, 2, 3, 4}).build()));
    rejected(StoreException.Kind.BAD_REQUEST, "vector[0] is Infinity",
        () -> c.search(SearchRequest.builder(new float[] {Float.POSITIVE_INFINITY, 0, 0}).build()));
    rejected(StoreException.Kind.BAD_REQUEST, "limit must be >= 1",
        () -> c.search(SearchRequest.builder(new float[] {1, 0, 0}).limit(0).build()));
    rejected(StoreException.Kind.BAD_REQUEST, "hnsw_ef must be in",
        () -> c.search(SearchRequest.builder(new float[] {1, 0, 0}).ef(Integer.MAX_VALUE).build()));
  }

  @Test
  void badRequestsAndUnknownThings() {
    rejected(StoreException.Kind.BAD_REQUEST, "filter.must[0].match: unknown operator 'like'",
        () -> c.count(FilterParser.parse(node("{'must': [{'key': 'a', 'match': {'like': 'x'}}]}")), true));
    rejected(StoreException.Kind.BAD_REQUEST, "unknown payload index type 'geo2'",
        () -> c.createPayloadIndex(FieldPath.parse("a"), RequestsJson.parseFieldSchema(node("'geo2'"), "field_schema"), true));
    rejected(StoreException.Kind.BAD_REQUEST, "invalid payload key 'a[x]'", () -> FieldPath.parse("a[x]"));
    rejected(StoreException.Kind.NOT_FOUND, "no point with id 5",
        () -> c.overwritePayload(PointSelector.ids(List.of(PointId.of(5))), object("{}"), true));
    rejected(StoreException.Kind.BAD_REQUEST, "points[0].vector[1]: expected a number",
        () -> c.upsert(PointsJson.parseUpsert(node("{'points': [{'id': 2, 'vector': [1, 'x', 3]}]}")), true));
    rejected(StoreException.Kind.BAD_REQUEST, "points[0].payload: a payload must be a JSON object",
        () -> PointsJson.parseUpsert(node("{'points': [{'id': 2, 'vector': [1, 2, 3], 'payload': [1]}]}")));
    rejected(StoreException.Kind.BAD_REQUEST, "points[0].id: point id -4 is not in 0..2^64-1",
        () -> PointsJson.parseUpsert(node("{'points': [{'id': -4, 'vector': [1, 2, 3]}]}")));
    rejected(StoreException.Kind.BAD_REQUEST, "with_payload: expected exactly one of include and exclude",
        () -> RequestsJson.parsePayloadSelector(node("{'include': ['a'], 'exclude': ['b']}"), "with_payload", PayloadSelector.ALL));
    rejected(StoreException.Kind.NOT_FOUND, "collection nope does not exist", () -> db.get("nope"));
    rejected(StoreException.Kind.CONFLICT, "collection c already exists", () -> db.create("c", CollectionConfig.of(3, Distance.DOT)));
    rejected(StoreException.Kind.BAD_REQUEST, "hnsw_config.m must be in 2..512, got 1",
        () -> db.create("d", CollectionConfig.of(3, Distance.DOT).withHnsw(1, 100)));
    rejected(StoreException.Kind.BAD_REQUEST, "unknown distance 'Hamming'", () -> Distance.parse("Hamming"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../escape", "a/b", "a\\b", ".hidden", "", "name with space", "x..y"})
  void collectionNamesCannotLeaveTheDataDirectory(String name) {
    StoreException e = assertThrows(StoreException.class, () -> db.create(name, CollectionConfig.of(2, Distance.DOT)));
    assertEquals(StoreException.Kind.BAD_REQUEST, e.kind());
    assertTrue(e.getMessage().startsWith("invalid collection name"), e.getMessage());
    assertFalse(Files.exists(dir.resolveSibling("escape")));
    assertEquals(List.of("c"), db.list());
  }

  @Test
  void anotherProcessCannotOpenTheSameDirectory() {
    StoreException e = assertThrows(StoreException.class, () -> Database.open(dir));
    assertEquals(StoreException.Kind.CONFLICT, e.kind());
  }
}
