package io.hnsw4j.server;

import static io.hnsw4j.server.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upsert (list and batch forms), retrieve, get one, delete, scroll, count and batch updates. */
class PointsEndpointTest {
  static final String UUID = "550e8400-e29b-41d4-a716-446655440000";

  @TempDir Path dir;
  TestServer s;

  @BeforeEach
  void start() throws Exception {
    s = TestServer.start(dir);
    s.ok("PUT", "/collections/c", "{'vectors': {'size': 3, 'distance': 'Euclid'}}");
    s.ok("PUT", "/collections/c/points?wait=true", "{'points': ["
        + "{'id': 1, 'vector': [1, 0, 0], 'payload': {'city': 'Berlin', 'n': 1, 'tags': ['a', 'b'], 'geo': {'lat': 52}}},"
        + "{'id': 2, 'vector': [0, 1, 0], 'payload': {'city': 'London', 'n': 2}},"
        + "{'id': 3, 'vector': [0, 0, 1], 'payload': {'city': 'Berlin', 'n': 3}},"
        + "{'id': '" + UUID + "', 'vector': [1, 1, 1]}]}");
  }

  @AfterEach
  void stop() throws Exception {
    s.close();
  }

  @Test
  void upsertAnswersWithTheOperationAndItsStatus() throws Exception {
    JsonNode r = s.ok("PUT", "/collections/c/points?wait=true", "{'batch': {'ids': [10, 11], 'vectors': [[1, 2, 3], [4, 5, 6]], 'payloads': [{'k': 1}, null]}}");
    assertEquals("completed", r.get("status").asText());
    assertTrue(r.get("operation_id").asLong() > 1);
    JsonNode ack = s.ok("PUT", "/collections/c/points", "{'points': [{'id': 12, 'vector': [0, 0, 0]}]}");
    assertEquals("acknowledged", ack.get("status").asText());
    assertEquals(ack.get("operation_id").asLong(), r.get("operation_id").asLong() + 1);
    // wait=false answers once the write is durable; a later read waits for nothing but may need a moment.
    assertEquals(json("[{'id': 10, 'payload': {'k': 1}, 'vector': [1.0, 2.0, 3.0]}, {'id': 11, 'payload': {}, 'vector': [4.0, 5.0, 6.0]}]"),
        s.ok("POST", "/collections/c/points", "{'ids': [10, 11], 'with_vector': true}"));
    s.ok("PUT", "/collections/c/points?wait=true", "{'points': [{'id': 1, 'vector': [9, 9, 9], 'payload': {'replaced': true}}]}");
    assertEquals(json("{'id': 1, 'payload': {'replaced': true}, 'vector': [9.0, 9.0, 9.0]}"), s.ok("GET", "/collections/c/points/1", null));
    s.ok("PUT", "/collections/c/points?wait=true", "{'points': [{'id': 13, 'vector': [1, 1, 1]}], 'update_mode': 'upsert', 'shard_key': null}");
  }

  @Test
  void retrieveAndGetOne() throws Exception {
    assertEquals(json("[{'id': 3, 'payload': {'city': 'Berlin', 'n': 3}}, {'id': 1, 'payload': {'city': 'Berlin', 'n': 1, 'tags': ['a', 'b'], 'geo': {'lat': 52}}}]"),
        s.ok("POST", "/collections/c/points", "{'ids': [3, 99, 1]}"));
    assertEquals(json("[{'id': 1, 'payload': {'city': 'Berlin', 'geo': {'lat': 52}}}]"),
        s.ok("POST", "/collections/c/points", "{'ids': [1], 'with_payload': ['city', 'geo.lat']}"));
    assertEquals(json("[{'id': 1, 'payload': {'n': 1, 'tags': ['a', 'b']}}]"),
        s.ok("POST", "/collections/c/points", "{'ids': [1], 'with_payload': {'exclude': ['city', 'geo']}}"));
    assertEquals(json("[{'id': 1}]"), s.ok("POST", "/collections/c/points", "{'ids': [1], 'with_payload': false}"));
    assertEquals(json("[{'id': '" + UUID + "', 'vector': [1.0, 1.0, 1.0]}]"),
        s.ok("POST", "/collections/c/points", "{'ids': ['" + UUID + "'], 'with_payload': false, 'with_vector': true}"));
    assertEquals(json("{'id': 2, 'payload': {'city': 'London', 'n': 2}, 'vector': [0.0, 1.0, 0.0]}"), s.ok("GET", "/collections/c/points/2", null));
    assertEquals(json("{'id': '" + UUID + "', 'payload': {}, 'vector': [1.0, 1.0, 1.0]}"), s.ok("GET", "/collections/c/points/" + UUID, null));
    s.fails(404, "no point with id 7", "GET", "/collections/c/points/7", null);
    s.fails(400, "neither an unsigned integer nor a UUID", "GET", "/collections/c/points/-1", null);
    s.fails(400, "is not in 0..2^64-1", "POST", "/collections/c/points", "{'ids': [-5]}");
    s.fails(400, "ids: expected a list of point ids", "POST", "/collections/c/points", "{}");
    s.fails(404, "collection nope does not exist", "POST", "/collections/nope/points", "{'ids': [1]}");
  }

  @Test
  void deleteByIdsAndByFilter() throws Exception {
    assertEquals("completed", s.ok("POST", "/collections/c/points/delete?wait=true", "{'points': [2, 99]}").get("status").asText());
    assertEquals(3, s.ok("POST", "/collections/c/points/count", "{}").get("count").asInt());
    s.ok("POST", "/collections/c/points/delete?wait=true", "{'filter': {'must': [{'key': 'city', 'match': {'value': 'Berlin'}}]}}");
    assertEquals(json("{'points': [{'id': '" + UUID + "', 'payload': {}}], 'next_page_offset': null}"), s.ok("POST", "/collections/c/points/scroll", "{}"));
    s.fails(400, "give exactly one of points and filter", "POST", "/collections/c/points/delete", "{}");
    s.fails(400, "give exactly one of points and filter", "POST", "/collections/c/points/delete", "{'points': [1], 'filter': {}}");
    s.fails(400, "shard_key is not supported", "POST", "/collections/c/points/delete", "{'points': [1], 'shard_key': 'a'}");
  }

  @Test
  void scrollPagesThroughPointsInIdOrder() throws Exception {
    JsonNode first = s.ok("POST", "/collections/c/points/scroll", "{'limit': 2, 'with_payload': false}");
    assertEquals(json("{'points': [{'id': 1}, {'id': 2}], 'next_page_offset': 3}"), first);
    JsonNode second = s.ok("POST", "/collections/c/points/scroll", "{'limit': 2, 'offset': 3, 'with_payload': false, 'with_vector': true}");
    assertEquals(json("{'points': [{'id': 3, 'vector': [0.0, 0.0, 1.0]}, {'id': '" + UUID + "', 'vector': [1.0, 1.0, 1.0]}], 'next_page_offset': null}"), second);
    JsonNode berlin = s.ok("POST", "/collections/c/points/scroll",
        "{'filter': {'must': [{'key': 'city', 'match': {'value': 'Berlin'}}]}, 'with_payload': {'include': ['n']}}");
    assertEquals(json("{'points': [{'id': 1, 'payload': {'n': 1}}, {'id': 3, 'payload': {'n': 3}}], 'next_page_offset': null}"), berlin);
    // No body at all: Qdrant's defaults (10 points, payloads, no vectors).
    assertEquals(4, s.send("POST", "/collections/c/points/scroll", null).result().get("points").size());
    s.fails(400, "order_by is not supported", "POST", "/collections/c/points/scroll", "{'order_by': 'n'}");
    s.fails(400, "limit: expected an integer >= 1", "POST", "/collections/c/points/scroll", "{'limit': 0}");
  }

  @Test
  void countWithAndWithoutFilter() throws Exception {
    assertEquals(json("{'count': 4}"), s.ok("POST", "/collections/c/points/count", "{}"));
    assertEquals(json("{'count': 4}"), s.send("POST", "/collections/c/points/count", null).result());
    assertEquals(json("{'count': 2}"), s.ok("POST", "/collections/c/points/count",
        "{'filter': {'must': [{'key': 'city', 'match': {'value': 'Berlin'}}]}, 'exact': true}"));
    assertEquals(json("{'count': 1}"), s.ok("POST", "/collections/c/points/count",
        "{'filter': {'must': [{'key': 'n', 'range': {'gt': 1, 'lte': 2}}]}}"));
    assertEquals(json("{'count': 3}"), s.ok("POST", "/collections/c/points/count",
        "{'filter': {'must_not': [{'has_id': [2]}]}, 'exact': false}"));
  }

  @Test
  void batchUpdatesApplyInOrderAndRefuseBadOperationsBeforeApplyingAny() throws Exception {
    JsonNode results = s.ok("POST", "/collections/c/points/batch?wait=true", "{'operations': ["
        + "{'upsert': {'points': [{'id': 20, 'vector': [2, 2, 2], 'payload': {'x': 1}}]}},"
        + "{'set_payload': {'payload': {'y': 2}, 'points': [20]}},"
        + "{'overwrite_payload': {'payload': {'z': 3}, 'points': [1]}},"
        + "{'delete_payload': {'keys': ['n'], 'points': [3]}},"
        + "{'clear_payload': {'points': [2]}},"
        + "{'delete': {'points': ['" + UUID + "']}}]}");
    assertEquals(6, results.size());
    List<String> statuses = new ArrayList<>();
    results.forEach(r -> statuses.add(r.get("status").asText()));
    assertEquals(List.of("completed", "completed", "completed", "completed", "completed", "completed"), statuses);
    assertEquals(json("[{'id': 1, 'payload': {'z': 3}}, {'id': 2, 'payload': {}}, {'id': 3, 'payload': {'city': 'Berlin'}}, {'id': 20, 'payload': {'x': 1, 'y': 2}}]"),
        s.ok("POST", "/collections/c/points", "{'ids': [1, 2, 3, 20, '" + UUID + "']}"));
    JsonNode before = s.ok("POST", "/collections/c/points/scroll", "{'with_vector': true}");
    s.fails(400, "operations[1]: unknown operation 'upsertt'", "POST", "/collections/c/points/batch?wait=true",
        "{'operations': [{'delete': {'points': [1]}}, {'upsertt': {}}]}");
    s.fails(400, "operations[1].update_vectors: not supported", "POST", "/collections/c/points/batch?wait=true",
        "{'operations': [{'delete': {'points': [1]}}, {'update_vectors': {'points': []}}]}");
    s.fails(400, "has 2 components", "POST", "/collections/c/points/batch?wait=true",
        "{'operations': [{'delete': {'points': [1]}}, {'upsert': {'points': [{'id': 5, 'vector': [1, 2]}]}}]}");
    assertEquals(before, s.ok("POST", "/collections/c/points/scroll", "{'with_vector': true}"));
  }
}
