package io.hnsw4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /collections}: create, list, get, exists, delete, and every way to get them wrong. */
class CollectionsEndpointTest {
  @TempDir Path dir;
  TestServer s;

  @BeforeEach
  void start() throws Exception {
    s = TestServer.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    s.close();
  }

  @Test
  void createListGetExistsDelete() throws Exception {
    assertEquals(true, s.ok("PUT", "/collections/docs", "{'vectors': {'size': 4, 'distance': 'Cosine'}, 'hnsw_config': {'m': 8, 'ef_construct': 64}}").asBoolean());
    assertEquals(true, s.ok("PUT", "/collections/imgs", "{'vectors': {'size': 2, 'distance': 'Manhattan', 'hnsw_config': {'m': 12}}, 'hnsw_config': {'m': 8}}").asBoolean());
    assertEquals(TestServer.json("{'collections': [{'name': 'docs'}, {'name': 'imgs'}]}"), s.ok("GET", "/collections", null));

    JsonNode info = s.ok("GET", "/collections/docs", null);
    assertEquals("green", info.get("status").asText());
    assertEquals("ok", info.get("optimizer_status").asText());
    assertEquals(0, info.get("points_count").asInt());
    assertEquals(TestServer.json("{'size': 4, 'distance': 'Cosine'}"), info.at("/config/params/vectors"));
    assertEquals(8, info.at("/config/hnsw_config/m").asInt());
    assertEquals(64, info.at("/config/hnsw_config/ef_construct").asInt());
    assertEquals(TestServer.json("{}"), info.get("payload_schema"));
    // The vector's own hnsw_config wins over the collection's, as in Qdrant.
    assertEquals(12, s.ok("GET", "/collections/imgs", null).at("/config/hnsw_config/m").asInt());
    assertEquals("Manhattan", s.ok("GET", "/collections/imgs", null).at("/config/params/vectors/distance").asText());

    assertEquals(TestServer.json("{'exists': true}"), s.ok("GET", "/collections/docs/exists", null));
    assertEquals(TestServer.json("{'exists': false}"), s.ok("GET", "/collections/nope/exists", null));
    assertEquals(true, s.ok("DELETE", "/collections/docs", null).asBoolean());
    assertEquals(false, s.ok("DELETE", "/collections/docs", null).asBoolean());
    assertEquals(TestServer.json("{'exists': false}"), s.ok("GET", "/collections/docs/exists", null));
    assertFalse(Files.exists(dir.resolve("collections/docs")));
    // Qdrant's fields hnsw4j has no use for are accepted.
    s.ok("PUT", "/collections/tuned", "{'vectors': {'size': 3, 'distance': 'Dot', 'on_disk': true, 'datatype': 'float32'},"
        + " 'on_disk_payload': true, 'optimizers_config': {'indexing_threshold': 0}, 'wal_config': {'wal_capacity_mb': 8},"
        + " 'shard_number': 1, 'replication_factor': 1, 'quantization_config': null, 'sparse_vectors': null}");
  }

  @Test
  void badCreatesAreRefusedAndCreateNothing() throws Exception {
    s.ok("PUT", "/collections/docs", "{'vectors': {'size': 4, 'distance': 'Dot'}}");
    s.fails(409, "already exists", "PUT", "/collections/docs", "{'vectors': {'size': 4, 'distance': 'Dot'}}");
    s.fails(400, "unknown distance 'Hamming'", "PUT", "/collections/c1", "{'vectors': {'size': 4, 'distance': 'Hamming'}}");
    s.fails(400, "vectors is required", "PUT", "/collections/c1", "{}");
    s.fails(400, "vectors.size must be in 1..", "PUT", "/collections/c1", "{'vectors': {'size': 0, 'distance': 'Dot'}}");
    s.fails(400, "vectors.size is required", "PUT", "/collections/c1", "{'vectors': {'distance': 'Dot'}}");
    s.fails(400, "named vectors are not supported", "PUT", "/collections/c1", "{'vectors': {'image': {'size': 4, 'distance': 'Dot'}}}");
    s.fails(400, "hnsw_config.m must be in 2..", "PUT", "/collections/c1", "{'vectors': {'size': 4, 'distance': 'Dot'}, 'hnsw_config': {'m': 1}}");
    s.fails(400, "ef_construct", "PUT", "/collections/c1", "{'vectors': {'size': 4, 'distance': 'Dot'}, 'hnsw_config': {'ef_construct': 'many'}}");
    s.fails(400, "sparse_vectors is not supported", "PUT", "/collections/c1", "{'vectors': {'size': 4, 'distance': 'Dot'}, 'sparse_vectors': {'s': {}}}");
    s.fails(400, "vectors.datatype: only float32", "PUT", "/collections/c1", "{'vectors': {'size': 4, 'distance': 'Dot', 'datatype': 'uint8'}}");
    s.fails(400, "vectrs: unknown field", "PUT", "/collections/c1", "{'vectrs': {'size': 4, 'distance': 'Dot'}}");
    s.fails(400, "Format error in JSON body", "PUT", "/collections/c1", "{'vectors': {'size': 4,");
    s.fails(400, "must be a JSON object", "PUT", "/collections/c1", "[1, 2]");
    s.fails(400, "it is empty", "PUT", "/collections/c1", null);
    assertEquals(TestServer.json("{'collections': [{'name': 'docs'}]}"), s.ok("GET", "/collections", null));
  }

  @Test
  void namesThatCouldLeaveTheDataDirectoryAreRefused() throws Exception {
    String body = "{'vectors': {'size': 2, 'distance': 'Dot'}}";
    s.fails(400, "invalid collection name", "PUT", "/collections/..", body);
    s.fails(400, "Ambiguous URI path segment", "PUT", "/collections/%2E%2E", body); // Jetty refuses it before routing
    s.fails(400, "invalid collection name", "PUT", "/collections/.hidden", body);
    s.fails(400, "invalid collection name", "PUT", "/collections/a%20b", body);
    s.fails(400, "invalid collection name", "PUT", "/collections/" + "x".repeat(256), body);
    // An encoded slash or backslash never reaches the store: Jetty refuses the path itself.
    s.fails(400, "Ambiguous URI path separator", "PUT", "/collections/a%2F..%2F..%2Fetc", body);
    s.fails(400, "Suspicious Path Character", "PUT", "/collections/a%5C..", body);
    try (var entries = Files.list(dir.resolve("collections"))) {
      assertEquals(0, entries.count());
    }
    s.fails(404, "collection nope does not exist", "GET", "/collections/nope", null);
  }
}
