package io.hnsw4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /}, health, readiness, metrics, unknown routes, wrong methods and Qdrant routes not implemented. */
class ServiceEndpointTest {
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
  void rootHealthAndReadiness() throws Exception {
    TestServer.Answer root = s.get("/");
    assertEquals(200, root.status());
    assertTrue(root.json().get("title").asText().startsWith("hnsw4j"), root.text());
    assertEquals(System.getProperty("hnsw4j.expectedVersion", Hnsw4jServer.version()), root.json().get("version").asText());
    for (String path : new String[] {"/healthz", "/livez", "/readyz"}) {
      TestServer.Answer a = s.get(path);
      assertEquals(200, a.status(), path);
      assertTrue(a.headers().firstValue("content-type").orElse("").startsWith("text/plain"), path);
    }
    assertEquals("healthz check passed", s.get("/healthz").text());
    assertEquals("all shards are ready", s.get("/readyz").text());
  }

  @Test
  void metricsCountRequestsPerRouteAndDescribeCollections() throws Exception {
    s.ok("PUT", "/collections/m", "{'vectors': {'size': 2, 'distance': 'Dot'}}");
    s.ok("PUT", "/collections/m/points?wait=true", "{'points': [{'id': 1, 'vector': [1, 0]}, {'id': 2, 'vector': [0, 1]}, {'id': 3, 'vector': [1, 1]}]}");
    for (int i = 0; i < 3; i++) {
      s.ok("POST", "/collections/m/points/search", "{'vector': [1, 0], 'limit': 1}");
    }
    s.fails(404, "does not exist", "POST", "/collections/none/points/search", "{'vector': [1, 0], 'limit': 1}");
    TestServer.Answer m = s.get("/metrics");
    assertEquals(200, m.status());
    assertTrue(m.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
    String text = m.text();
    assertEquals(3.0, value(text, "hnsw4j_http_requests_seconds_count\\{method=\"POST\",route=\"/collections/\\{collection_name\\}/points/search\",status=\"200\"\\}"));
    assertEquals(1.0, value(text, "hnsw4j_http_requests_seconds_count\\{method=\"POST\",route=\"/collections/\\{collection_name\\}/points/search\",status=\"404\"\\}"));
    assertTrue(text.contains("hnsw4j_http_requests_seconds_bucket{method=\"POST\",route=\"/collections/{collection_name}/points/search\",status=\"200\",le=\"0.01\"}"), "latency buckets");
    assertEquals(3.0, value(text, "hnsw4j_collection_points\\{collection=\"m\"\\}"));
    assertTrue(value(text, "hnsw4j_collection_wal_bytes\\{collection=\"m\"\\}") > 16, "the log holds the upsert");
    assertEquals(1.0, value(text, "hnsw4j_collection_writable\\{collection=\"m\"\\}"));
    assertEquals(1.0, value(text, "hnsw4j_collections"));
    s.ok("POST", "/collections/m/snapshots", null); // checkpoints
    String after = s.get("/metrics").text();
    double checkpoint = value(after, "hnsw4j_collection_last_checkpoint_timestamp_seconds\\{collection=\"m\"\\}");
    assertTrue(Math.abs(checkpoint - System.currentTimeMillis() / 1000.0) < 120, "checkpoint time " + checkpoint);
    assertEquals(16.0, value(after, "hnsw4j_collection_wal_bytes\\{collection=\"m\"\\}"), "the checkpoint truncated the log");
    s.ok("DELETE", "/collections/m", null);
    assertTrue(!s.get("/metrics").text().contains("collection=\"m\""), "a deleted collection leaves the metrics");
  }

  private static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
    assertTrue(m.find(), "no series " + series + " in\n" + metrics);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void unknownRoutesWrongMethodsAndQdrantFeaturesNotImplemented() throws Exception {
    s.fails(404, "no route for GET /nothing", "GET", "/nothing", null);
    s.fails(404, "no route for POST /collections/c/points/search/nothing", "POST", "/collections/c/points/search/nothing", "{}");
    // points/{id} takes GET only.
    s.fails(405, "allowed: GET", "POST", "/collections/c/points/frobnicate", "{}");
    s.fails(405, "method POST is not allowed on /collections/c/exists", "POST", "/collections/c/exists", "{}");
    s.fails(405, "allowed: GET", "DELETE", "/healthz", null);
    s.fails(501, "recommendations", "POST", "/collections/c/points/recommend", "{}");
    s.fails(501, "aliases", "POST", "/collections/aliases", "{}");
    s.fails(501, "facets", "POST", "/collections/c/facet", "{}");
    s.fails(501, "full-storage snapshots", "POST", "/snapshots", null);
    s.fails(501, "changing a collection's parameters", "PATCH", "/collections/c", "{}");
    s.fails(501, "shard", "GET", "/collections/c/shards", null);
    // A trailing slash is ignored, as in Qdrant.
    JsonNode list = s.ok("GET", "/collections/", null);
    assertEquals(0, list.get("collections").size());
  }
}
