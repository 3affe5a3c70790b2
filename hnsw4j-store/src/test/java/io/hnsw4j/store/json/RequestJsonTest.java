package io.hnsw4j.store.json;

import static io.hnsw4j.store.TestJson.node;
import static io.hnsw4j.store.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.store.ScrollRequest;
import io.hnsw4j.store.SearchRequest;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.model.PayloadSelector;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.model.StoreException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request parsers the server hands request bodies to. */
class RequestJsonTest {
  private static final String UUID_TEXT = "550e8400-e29b-41d4-a716-446655440000";

  @Test
  void upsertsInListAndBatchForm() {
    List<Point> list = PointsJson.parseUpsert(node(
        "{'points': [{'id': 1, 'vector': [0.5, 1], 'payload': {'a': 1}}, {'id': '" + UUID_TEXT + "', 'vector': [2, 3]}]}"));
    assertEquals(PointId.of(1), list.get(0).id());
    assertArrayEquals(new float[] {0.5f, 1}, list.get(0).vector());
    assertEquals(object("{'a': 1}"), list.get(0).payload());
    assertEquals(PointId.of(UUID.fromString(UUID_TEXT)), list.get(1).id());
    assertEquals(object("{}"), list.get(1).payload());

    List<Point> batch = PointsJson.parseUpsert(node("{'batch': {'ids': [3, 4], 'vectors': [[1], [2]], 'payloads': [{'x': true}, null]}}"));
    assertEquals(List.of(PointId.of(3), PointId.of(4)), batch.stream().map(Point::id).toList());
    assertArrayEquals(new float[] {2}, batch.get(1).vector());
    assertEquals(object("{'x': true}"), batch.get(0).payload());
    assertEquals(object("{}"), batch.get(1).payload());
  }

  @Test
  void selectorsSearchScrollAndCount() {
    assertEquals(PointSelector.ids(List.of(PointId.of(5))), PointsJson.parseSelector(node("{'points': [5]}")));
    PointSelector byFilter = PointsJson.parseSelector(node("{'filter': {'must': [{'has_id': [1]}]}}"));
    assertEquals(Filter.must(new Condition.HasId(java.util.Set.of(PointId.of(1)))), ((PointSelector.Matching) byFilter).filter());

    SearchRequest s = RequestsJson.parseSearch(node(
        "{'vector': [1, 2], 'limit': 3, 'offset': 1, 'score_threshold': 0.5, 'params': {'hnsw_ef': 64, 'exact': true, 'quantization': {}},"
            + " 'filter': {'must': {'key': 'a', 'match': {'value': 1}}}, 'with_payload': ['a'], 'with_vector': true, 'using': ''}"));
    assertArrayEquals(new float[] {1, 2}, s.vector());
    assertEquals(3, s.limit());
    assertEquals(1, s.offset());
    assertEquals(0.5f, s.scoreThreshold());
    assertEquals(64, s.ef());
    assertTrue(s.exact());
    assertEquals(1, s.filter().must().size());
    assertEquals(PayloadSelector.include(List.of(FieldPath.parse("a"))), s.withPayload());
    assertTrue(s.withVector());

    SearchRequest plain = RequestsJson.parseSearch(node("{'vector': [1]}"));
    assertEquals(10, plain.limit());
    assertNull(plain.ef());
    assertNull(plain.filter());
    assertEquals(PayloadSelector.NONE, plain.withPayload());
    assertFalse(plain.withVector());
    assertEquals(2, RequestsJson.parseSearchBatch(node("{'searches': [{'vector': [1]}, {'vector': [2], 'limit': 1}]}")).size());

    ScrollRequest scroll = RequestsJson.parseScroll(node("{'limit': 2, 'offset': '" + UUID_TEXT + "', 'with_payload': {'exclude': ['b']}}"));
    assertEquals(2, scroll.limit());
    assertEquals(PointId.of(UUID.fromString(UUID_TEXT)), scroll.offset());
    assertEquals(PayloadSelector.exclude(List.of(FieldPath.parse("b"))), scroll.withPayload());
    assertEquals(PayloadSelector.ALL, RequestsJson.parseScroll(null).withPayload());

    assertNull(RequestsJson.parseCountFilter(node("{'exact': false}")));
    assertFalse(RequestsJson.parseCountExact(node("{'exact': false}")));
    assertTrue(RequestsJson.parseCountExact(null));
  }

  @Test
  void payloadSelectorsVectorsAndSchemas() {
    assertEquals(PayloadSelector.ALL, RequestsJson.parsePayloadSelector(node("true"), "p", PayloadSelector.NONE));
    assertEquals(PayloadSelector.NONE, RequestsJson.parsePayloadSelector(node("false"), "p", PayloadSelector.ALL));
    assertEquals(PayloadSelector.ALL, RequestsJson.parsePayloadSelector(null, "p", PayloadSelector.ALL));
    assertEquals(PayloadSelector.include(List.of(FieldPath.parse("a.b"))), RequestsJson.parsePayloadSelector(node("{'include': ['a.b']}"), "p", PayloadSelector.ALL));
    assertTrue(RequestsJson.parseWithVector(node("['']"), "v", false));
    assertFalse(RequestsJson.parseWithVector(node("[]"), "v", true));
    assertEquals(PayloadSchemaType.TEXT, RequestsJson.parseFieldSchema(node("{'type': 'text', 'tokenizer': 'word'}"), "field_schema"));
    assertEquals(PayloadSchemaType.DATETIME, RequestsJson.parseFieldSchema(node("'datetime'"), "field_schema"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{'points': [{'id': 1}]}|points[0].vector: a vector is required",
        "{'points': [{'id': 1, 'vector': {'image': [1]}}]}|points[0].vector: expected a list of numbers",
        "{'points': [{'id': 1.5, 'vector': [1]}]}|points[0].id: a point id must be an unsigned integer or a UUID string",
        "{'points': [{'id': 18446744073709551616, 'vector': [1]}]}|points[0].id: point id 18446744073709551616 is not in 0..2^64-1",
        "{'batch': {'ids': [1, 2], 'vectors': [[1]]}}|batch.vectors: expected a list of 2 vectors, one per id",
        "{'points': [], 'batch': {}}|body: give either points or batch, not both",
        "{'pts': []}|points: expected a list of points",
      })
  void badUpsertsNameThePath(String json, String message) {
    StoreException e = assertThrows(StoreException.class, () -> PointsJson.parseUpsert(node(json)));
    assertEquals(StoreException.Kind.BAD_REQUEST, e.kind());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{'vector': [1], 'limit': 0}|limit: expected an integer >= 1",
        "{'vector': [1], 'offset': -1}|offset: expected an integer >= 0",
        "{'vector': [1], 'params': {'hnsw_ef': 'big'}}|params.hnsw_ef: expected an integer >= 1",
        "{'vector': [1], 'score_threshold': 'high'}|score_threshold: expected a number",
        "{'vector': [1], 'with_vector': ['image']}|with_vector[0]: no vector named 'image'",
        "{'vector': [1], 'with_payload': 3}|with_payload: expected true, false, a list of keys",
        "{'vector': [1], 'filter': {'must': [{'key': 'a', 'match': {'is': 1}}]}}|filter.must[0].match: unknown operator 'is'",
        "{'limit': 3}|vector: a vector is required",
      })
  void badSearchesNameThePath(String json, String message) {
    StoreException e = assertThrows(StoreException.class, () -> RequestsJson.parseSearch(node(json)));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void batchErrorsNameTheSearch() {
    StoreException e = assertThrows(StoreException.class, () -> RequestsJson.parseSearchBatch(node("{'searches': [{'vector': [1]}, {'limit': 1}]}")));
    assertTrue(e.getMessage().startsWith("searches[1]: vector: a vector is required"), e.getMessage());
    e = assertThrows(StoreException.class, () -> RequestsJson.parseFieldSchema(node("'geo'"), "field_schema"));
    assertTrue(e.getMessage().startsWith("field_schema: unknown payload index type 'geo'"), e.getMessage());
    e = assertThrows(StoreException.class, () -> PointsJson.parseSelector(node("{'points': [1], 'filter': {}}")));
    assertTrue(e.getMessage().contains("give exactly one of points and filter"), e.getMessage());
  }
}
