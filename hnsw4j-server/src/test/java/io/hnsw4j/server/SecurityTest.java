package io.hnsw4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API keys (full and read-only, header or bearer token), request limits, and bad input: every
 * refusal is a 4xx with an error body naming the problem, and nothing stored changes.
 */
class SecurityTest {
  static final String KEY = "full-key-0123456789";
  static final String READ_KEY = "read-key-9876543210";

  @TempDir Path dir;

  @Test
  void keysGuardEveryRouteButTheOpenOnes() throws Exception {
    try (TestServer anonymous = TestServer.start(ServerConfig.builder(dir).port(0).apiKey(KEY).readOnlyApiKey(READ_KEY).build())) {
      TestServer full = anonymous.withHeaders(Map.of("api-key", KEY));
      TestServer bearer = anonymous.withHeaders(Map.of("Authorization", "Bearer " + KEY));
      TestServer reader = anonymous.withHeaders(Map.of("api-key", READ_KEY));
      TestServer wrong = anonymous.withHeaders(Map.of("api-key", KEY + "x"));
      TestServer prefix = anonymous.withHeaders(Map.of("api-key", KEY.substring(0, 10)));

      for (String open : new String[] {"/", "/healthz", "/livez", "/readyz"}) {
        assertEquals(200, anonymous.get(open).status(), open);
      }
      anonymous.fails(401, "Must provide an API key", "GET", "/collections", null);
      anonymous.fails(401, "Must provide an API key", "GET", "/metrics", null);
      wrong.fails(401, "Invalid API key", "GET", "/collections", null);
      prefix.fails(401, "Invalid API key", "GET", "/collections", null);
      anonymous.withHeaders(Map.of("Authorization", "Basic " + KEY)).fails(401, "Must provide", "GET", "/collections", null);

      full.ok("PUT", "/collections/c", "{'vectors': {'size': 2, 'distance': 'Dot'}}");
      bearer.ok("PUT", "/collections/c/points?wait=true", "{'points': [{'id': 1, 'vector': [1, 0], 'payload': {'a': 1}}]}");
      // The read-only key reads and searches...
      assertEquals(1, reader.ok("POST", "/collections/c/points/search", "{'vector': [1, 0], 'limit': 3}").size());
      assertEquals(1, reader.ok("POST", "/collections/c/points/query", "{'query': [1, 0]}").get("points").size());
      assertEquals(1, reader.ok("POST", "/collections/c/points/count", "{}").get("count").asInt());
      reader.ok("POST", "/collections/c/points/scroll", "{}");
      reader.ok("GET", "/collections/c", null);
      reader.ok("GET", "/collections/c/points/1", null);
      assertEquals(200, reader.get("/metrics").status());
      // ... and changes nothing.
      reader.fails(403, "read-only API key cannot change data", "PUT", "/collections/c/points?wait=true", "{'points': [{'id': 2, 'vector': [0, 1]}]}");
      reader.fails(403, "read-only", "POST", "/collections/c/points/delete", "{'points': [1]}");
      reader.fails(403, "read-only", "POST", "/collections/c/points/payload", "{'payload': {'b': 2}, 'points': [1]}");
      reader.fails(403, "read-only", "PUT", "/collections/c/index", "{'field_name': 'a', 'field_schema': 'integer'}");
      reader.fails(403, "read-only", "POST", "/collections/c/snapshots", null);
      reader.fails(403, "read-only", "PUT", "/collections/c/snapshots/recover", "{'location': 'file:///x'}");
      reader.fails(403, "read-only", "POST", "/collections/c/snapshots/upload", "{}");
      reader.fails(403, "read-only", "POST", "/collections/c/points/batch", "{'operations': []}");
      reader.fails(403, "read-only", "DELETE", "/collections/c", null);
      reader.fails(403, "read-only", "PUT", "/collections/d", "{'vectors': {'size': 2, 'distance': 'Dot'}}");
      JsonNode after = full.ok("POST", "/collections/c/points/scroll", "{}");
      assertEquals(TestServer.json("{'points': [{'id': 1, 'payload': {'a': 1}}], 'next_page_offset': null}"), after);
      assertEquals(TestServer.json("{'collections': [{'name': 'c'}]}"), full.ok("GET", "/collections", null));
    }
  }

  @Test
  void limitsAreEnforcedBeforeAnythingIsStored() throws Exception {
    ServerConfig config = ServerConfig.builder(dir).port(0).maxBodyBytes(4096).maxBatchPoints(5).maxSearchBatch(2).maxLimit(50).maxEf(200).build();
    try (TestServer s = TestServer.start(config)) {
      s.ok("PUT", "/collections/c", "{'vectors': {'size': 2, 'distance': 'Dot'}}");
      s.fails(413, "larger than the limit of 4096 bytes", "PUT", "/collections/c/points", "{'points': [{'id': 1, 'vector': [1, 0], 'payload': {'x': '" + "y".repeat(5000) + "'}}]}");
      // A body without a declared length is cut off at the limit too.
      byte[] big = ("{'points': [{'id': 1, 'vector': [1, 0], 'payload': {'x': '" + "y".repeat(5000) + "'}}]}").replace('\'', '"').getBytes();
      TestServer.Answer chunked = s.sendRaw(HttpRequest.newBuilder(s.uri("/collections/c/points")).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));
      assertEquals(413, chunked.status(), chunked.text());
      StringBuilder six = new StringBuilder("{'points': [");
      for (int i = 0; i < 6; i++) {
        six.append(i == 0 ? "" : ", ").append("{'id': ").append(i).append(", 'vector': [1, 0]}");
      }
      s.fails(400, "points holds 6 entries; the limit is 5", "PUT", "/collections/c/points", six + "]}");
      s.fails(400, "batch.ids holds 6 entries", "PUT", "/collections/c/points", "{'batch': {'ids': [1, 2, 3, 4, 5, 6], 'vectors': [[1, 0], [1, 0], [1, 0], [1, 0], [1, 0], [1, 0]]}}");
      s.fails(400, "ids holds 6 entries", "POST", "/collections/c/points", "{'ids': [1, 2, 3, 4, 5, 6]}");
      s.fails(400, "points holds 6 entries", "POST", "/collections/c/points/delete", "{'points': [1, 2, 3, 4, 5, 6]}");
      s.fails(400, "limit + offset is 51; the limit is 50", "POST", "/collections/c/points/search", "{'vector': [1, 0], 'limit': 41, 'offset': 10}");
      s.fails(400, "limit + offset is 60", "POST", "/collections/c/points/query", "{'query': [1, 0], 'limit': 60}");
      s.fails(400, "params.hnsw_ef is 201; the limit is 200", "POST", "/collections/c/points/search", "{'vector': [1, 0], 'limit': 5, 'params': {'hnsw_ef': 201}}");
      s.fails(400, "limit is 51; the limit is 50", "POST", "/collections/c/points/scroll", "{'limit': 51}");
      s.fails(400, "searches holds 3 requests; the limit is 2", "POST", "/collections/c/points/search/batch",
          "{'searches': [{'vector': [1, 0], 'limit': 1}, {'vector': [1, 0], 'limit': 1}, {'vector': [1, 0], 'limit': 1}]}");
      s.fails(400, "limit: expected an integer >= 1", "POST", "/collections/c/points/search", "{'vector': [1, 0], 'limit': 99999999999}");
      assertEquals(0, s.ok("POST", "/collections/c/points/count", "{}").get("count").asInt());
      assertEquals(0, s.ok("GET", "/collections/c", null).get("points_count").asInt());
    }
  }

  @Test
  void badInputIsRefusedWithAClearErrorAndChangesNothing() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      s.ok("PUT", "/collections/c", "{'vectors': {'size': 3, 'distance': 'Cosine'}}");
      s.ok("PUT", "/collections/c/index?wait=true", "{'field_name': 'k', 'field_schema': 'keyword'}");
      s.ok("PUT", "/collections/c/points?wait=true", "{'points': [{'id': 1, 'vector': [1, 2, 3], 'payload': {'k': 'a'}}]}");
      JsonNode before = s.ok("POST", "/collections/c/points/scroll", "{'with_vector': true}");
      long operation = s.ok("GET", "/collections/c", null).get("points_count").asLong();

      String up = "/collections/c/points?wait=true";
      s.fails(400, "points[1].vector has 2 components; the collection's vectors have 3", "PUT", up,
          "{'points': [{'id': 2, 'vector': [1, 2, 3]}, {'id': 3, 'vector': [1, 2]}]}");
      s.fails(400, "Non-standard token 'NaN'", "PUT", up, "{'points': [{'id': 2, 'vector': [1, NaN, 3]}]}");
      s.fails(400, "points[0].vector[1] is Infinity", "PUT", up, "{'points': [{'id': 2, 'vector': [1, 1e39, 3]}]}");
      s.fails(400, "all zeros", "PUT", up, "{'points': [{'id': 2, 'vector': [0, 0, 0]}]}");
      s.fails(400, "points[0].vector[2]: expected a number", "PUT", up, "{'points': [{'id': 2, 'vector': [1, 2, 'x']}]}");
      s.fails(400, "a point id must be an unsigned integer or a UUID", "PUT", up, "{'points': [{'id': 1.5, 'vector': [1, 2, 3]}]}");
      s.fails(400, "payload must be a JSON object", "PUT", up, "{'points': [{'id': 2, 'vector': [1, 2, 3], 'payload': [1]}]}");
      s.fails(400, "Format error in JSON body", "PUT", up, "{'points': [{'id': 2, 'vector': [1, 2, 3]}");
      s.fails(400, "Duplicate field 'id'", "PUT", up, "{'points': [{'id': 2, 'id': 3, 'vector': [1, 2, 3]}]}");
      s.fails(400, "Format error in JSON body", "PUT", up, "{'points': []} trailing");
      s.fails(400, "vectr: unknown field of the point", "PUT", up, "{'points': [{'id': 2, 'vectr': [1, 2, 3]}]}");
      s.fails(400, "update_filter is not supported", "PUT", up, "{'points': [{'id': 2, 'vector': [1, 2, 3]}], 'update_filter': {'must': []}}");
      s.fails(400, "update_mode: only upsert", "PUT", up, "{'points': [{'id': 2, 'vector': [1, 2, 3]}], 'update_mode': 'insert_only'}");
      s.fails(400, "query parameter wait must be true or false", "PUT", "/collections/c/points?wait=yes", "{'points': [{'id': 2, 'vector': [1, 2, 3]}]}");
      s.fails(404, "collection d does not exist", "PUT", "/collections/d/points?wait=true", "{'points': [{'id': 2, 'vector': [1, 2, 3]}]}");
      s.fails(400, "unknown", "POST", "/collections/c/points/search", "{'vector': [1, 2, 3], 'limit': 1, 'filter': {'must': [{'key': 'k', 'match': {'like': 'a'}}]}}");
      s.fails(400, "unknown", "POST", "/collections/c/points/delete?wait=true", "{'filter': {'must': [{'key': 'k', 'matches': {'value': 'a'}}]}}");
      s.fails(400, "filter", "POST", "/collections/c/points/count", "{'filter': {'must': [{'key': 'k', 'range': {'gt': true}}]}}");
      s.fails(400, "vector has 4 components", "POST", "/collections/c/points/search", "{'vector': [1, 2, 3, 4], 'limit': 1}");
      s.fails(400, "extra: unknown field of the count request", "POST", "/collections/c/points/count", "{'extra': 1}");
      s.fails(400, "nesting depth (65) exceeds the maximum allowed (64", "POST", "/collections/c/points/count", "{'filter': " + "[".repeat(100) + "]".repeat(100) + "}");

      assertEquals(before, s.ok("POST", "/collections/c/points/scroll", "{'with_vector': true}"));
      assertEquals(operation, s.ok("GET", "/collections/c", null).get("points_count").asLong());
      assertEquals(TestServer.json("{'collections': [{'name': 'c'}]}"), s.ok("GET", "/collections", null));
      assertTrue(s.get("/readyz").status() == 200);
    }
  }
}
