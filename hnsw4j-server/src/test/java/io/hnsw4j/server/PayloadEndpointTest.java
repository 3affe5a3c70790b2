package io.hnsw4j.server;

import static io.hnsw4j.server.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Set, overwrite, delete keys and clear payloads; create and delete payload indexes. */
class PayloadEndpointTest {
  @TempDir Path dir;
  TestServer s;

  @BeforeEach
  void start() throws Exception {
    s = TestServer.start(dir);
    s.ok("PUT", "/collections/c", "{'vectors': {'size': 2, 'distance': 'Dot'}}");
    s.ok("PUT", "/collections/c/points?wait=true", "{'points': ["
        + "{'id': 1, 'vector': [1, 0], 'payload': {'color': 'red', 'size': 1, 'meta': {'a': 1, 'b': 2}}},"
        + "{'id': 2, 'vector': [0, 1], 'payload': {'color': 'blue', 'size': 2}},"
        + "{'id': 3, 'vector': [1, 1], 'payload': {'color': 'red', 'size': 3}}]}");
  }

  @AfterEach
  void stop() throws Exception {
    s.close();
  }

  private String payloads() throws Exception {
    return s.ok("POST", "/collections/c/points", "{'ids': [1, 2, 3]}").toString();
  }

  @Test
  void setOverwriteDeleteAndClear() throws Exception {
    assertEquals("completed", s.ok("POST", "/collections/c/points/payload?wait=true", "{'payload': {'seen': true}, 'points': [1, 2]}").get("status").asText());
    s.ok("POST", "/collections/c/points/payload?wait=true", "{'payload': {'c': 3}, 'points': [1], 'key': 'meta'}");
    s.ok("POST", "/collections/c/points/payload?wait=true", "{'payload': {'hot': 1}, 'filter': {'must': [{'key': 'color', 'match': {'value': 'red'}}]}}");
    assertEquals(json("[{'id': 1, 'payload': {'color': 'red', 'size': 1, 'meta': {'a': 1, 'b': 2, 'c': 3}, 'seen': true, 'hot': 1}},"
        + "{'id': 2, 'payload': {'color': 'blue', 'size': 2, 'seen': true}}, {'id': 3, 'payload': {'color': 'red', 'size': 3, 'hot': 1}}]").toString(), payloads());
    s.ok("PUT", "/collections/c/points/payload?wait=true", "{'payload': {'only': 'this'}, 'points': [2]}");
    s.ok("POST", "/collections/c/points/payload/delete?wait=true", "{'keys': ['meta.a', 'hot'], 'points': [1]}");
    s.ok("POST", "/collections/c/points/payload/clear?wait=true", "{'filter': {'must': [{'key': 'size', 'range': {'gte': 3}}]}}");
    assertEquals(json("[{'id': 1, 'payload': {'color': 'red', 'size': 1, 'meta': {'b': 2, 'c': 3}, 'seen': true}},"
        + "{'id': 2, 'payload': {'only': 'this'}}, {'id': 3, 'payload': {}}]").toString(), payloads());
  }

  @Test
  void badPayloadUpdatesChangeNothing() throws Exception {
    String before = payloads();
    s.fails(404, "no point with id 9", "POST", "/collections/c/points/payload?wait=true", "{'payload': {'x': 1}, 'points': [1, 9]}");
    s.fails(400, "payload: expected a JSON object", "POST", "/collections/c/points/payload", "{'payload': [1], 'points': [1]}");
    s.fails(400, "payload: expected a JSON object", "POST", "/collections/c/points/payload", "{'points': [1]}");
    s.fails(400, "key is not supported when overwriting", "PUT", "/collections/c/points/payload", "{'payload': {}, 'points': [1], 'key': 'meta'}");
    s.fails(400, "keys: expected a list", "POST", "/collections/c/points/payload/delete", "{'points': [1]}");
    s.fails(400, "unknown clause 'mustt'", "POST", "/collections/c/points/payload/clear", "{'filter': {'mustt': []}}");
    s.fails(400, "unknown", "POST", "/collections/c/points/payload/clear",
        "{'filter': {'must': [{'key': 'size', 'range': {'greater': 1}}]}}");
    s.fails(404, "collection d does not exist", "POST", "/collections/d/points/payload", "{'payload': {}, 'points': [1]}");
    assertEquals(before, payloads());
  }

  @Test
  void payloadIndexesAreCreatedListedAndDeleted() throws Exception {
    s.ok("PUT", "/collections/c/index?wait=true", "{'field_name': 'color', 'field_schema': 'keyword'}");
    s.ok("PUT", "/collections/c/index?wait=true", "{'field_name': 'size', 'field_schema': {'type': 'integer', 'range': true, 'lookup': true}}");
    s.ok("PUT", "/collections/c/index?wait=true", "{'field_name': 'meta.a', 'field_schema': 'float'}");
    assertEquals(json("{'color': {'data_type': 'keyword', 'points': 3}, 'meta.a': {'data_type': 'float', 'points': 1}, 'size': {'data_type': 'integer', 'points': 3}}"),
        s.ok("GET", "/collections/c", null).get("payload_schema"));
    assertEquals(json("{'count': 2}"), s.ok("POST", "/collections/c/points/count", "{'filter': {'must': [{'key': 'color', 'match': {'value': 'red'}}]}}"));
    s.ok("DELETE", "/collections/c/index/color?wait=true", null);
    s.ok("DELETE", "/collections/c/index/meta.a?wait=true", null);
    assertEquals(json("{'size': {'data_type': 'integer', 'points': 3}}"), s.ok("GET", "/collections/c", null).get("payload_schema"));
    s.fails(400, "unknown payload index type 'geo'", "PUT", "/collections/c/index", "{'field_name': 'loc', 'field_schema': 'geo'}");
    s.fails(400, "field_schema is required", "PUT", "/collections/c/index", "{'field_name': 'loc'}");
    s.fails(400, "field_name: expected a string", "PUT", "/collections/c/index", "{'field_schema': 'keyword'}");
    s.fails(400, "field_name", "DELETE", "/collections/c/index/a%5B", null);
    assertEquals(json("{'size': {'data_type': 'integer', 'points': 3}}"), s.ok("GET", "/collections/c", null).get("payload_schema"));
  }
}
