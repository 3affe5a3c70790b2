package io.hnsw4j.server;

import static io.hnsw4j.server.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * points/search, search/batch, query and query/batch against scores computed here by brute force,
 * for every distance: similarities for Cosine and Dot, distances for Euclid and Manhattan.
 */
class SearchEndpointTest {
  static final int N = 300;
  static final int DIM = 8;

  @TempDir Path dir;
  TestServer s;
  float[][] vectors = new float[N][DIM];

  @BeforeEach
  void start() throws Exception {
    s = TestServer.start(dir);
    Random r = new Random(42);
    for (float[] v : vectors) {
      for (int d = 0; d < DIM; d++) {
        v[d] = (float) r.nextGaussian();
      }
    }
  }

  @AfterEach
  void stop() throws Exception {
    s.close();
  }

  private void fill(String distance) throws Exception {
    s.ok("PUT", "/collections/c", "{'vectors': {'size': " + DIM + ", 'distance': '" + distance + "'}}");
    ObjectNode body = TestServer.JSON.createObjectNode();
    ArrayNode points = body.putArray("points");
    for (int i = 0; i < N; i++) {
      ObjectNode p = points.addObject();
      p.put("id", i);
      ArrayNode v = p.putArray("vector");
      for (float x : vectors[i]) {
        v.add(x);
      }
      p.putObject("payload").put("group", i % 10).put("name", "p" + i);
    }
    s.ok("PUT", "/collections/c/points?wait=true", body.toString());
  }

  static double score(String distance, float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0, l2 = 0, l1 = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
      l2 += (a[i] - b[i]) * (a[i] - b[i]);
      l1 += Math.abs(a[i] - b[i]);
    }
    return switch (distance) {
      case "Cosine" -> dot / Math.sqrt(na * nb);
      case "Dot" -> dot;
      case "Euclid" -> Math.sqrt(l2);
      default -> l1;
    };
  }

  /** The exact top {@code k} ids after {@code offset}, best first, among points passing {@code pass}. */
  private List<Integer> exact(String distance, float[] q, int k, int offset, IntPredicate pass) {
    boolean higher = distance.equals("Cosine") || distance.equals("Dot");
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      if (pass.test(i)) {
        ids.add(i);
      }
    }
    Comparator<Integer> byScore = Comparator.comparingDouble(i -> score(distance, q, vectors[i]));
    ids.sort(higher ? byScore.reversed() : byScore);
    return ids.subList(Math.min(offset, ids.size()), Math.min(offset + k, ids.size()));
  }

  private static String vec(float[] v) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      b.append(i == 0 ? "" : ", ").append(v[i]);
    }
    return b.append("]").toString();
  }

  private static List<Integer> ids(JsonNode hits) {
    List<Integer> out = new ArrayList<>();
    hits.forEach(h -> out.add(h.get("id").asInt()));
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"Cosine", "Dot", "Euclid", "Manhattan"})
  void exactSearchesEqualBruteForceWithQdrantsScores(String distance) throws Exception {
    fill(distance);
    float[] q = vectors[7].clone();
    q[0] += 0.5f;
    JsonNode hits = s.ok("POST", "/collections/c/points/search", "{'vector': " + vec(q) + ", 'limit': 10, 'params': {'exact': true}}");
    assertEquals(exact(distance, q, 10, 0, i -> true), ids(hits));
    for (JsonNode h : hits) {
      assertEquals(score(distance, q, vectors[h.get("id").asInt()]), h.get("score").asDouble(), 1e-4, distance);
      assertTrue(h.get("version").asLong() >= 1);
      assertTrue(!h.has("payload") && !h.has("vector"), h.toString());
    }
    // The graph search finds (nearly) the same on 300 points.
    JsonNode graph = s.ok("POST", "/collections/c/points/search", "{'vector': " + vec(q) + ", 'limit': 10, 'params': {'hnsw_ef': 64}}");
    long found = ids(graph).stream().filter(exact(distance, q, 10, 0, i -> true)::contains).count();
    assertTrue(found >= 9, "recall " + found + "/10");
    // The query API answers the same.
    JsonNode query = s.ok("POST", "/collections/c/points/query", "{'query': " + vec(q) + ", 'limit': 10, 'params': {'exact': true}}");
    assertEquals(ids(hits), ids(query.get("points")));
    JsonNode nearest = s.ok("POST", "/collections/c/points/query", "{'query': {'nearest': " + vec(q) + "}, 'params': {'exact': true}}");
    assertEquals(ids(hits), ids(nearest.get("points")));
    // score_threshold keeps scores at least as good: at least it for similarities, at most it for distances.
    double fifth = hits.get(4).get("score").asDouble();
    double threshold = distance.equals("Cosine") || distance.equals("Dot") ? fifth - 1e-6 : fifth + 1e-6;
    JsonNode kept = s.ok("POST", "/collections/c/points/query", "{'query': " + vec(q) + ", 'limit': 10, 'score_threshold': " + threshold + ", 'params': {'exact': true}}");
    assertEquals(ids(hits).subList(0, 5), ids(kept.get("points")), distance);
  }

  @Test
  void limitOffsetThresholdFilterPayloadAndVector() throws Exception {
    fill("Euclid");
    float[] q = vectors[3];
    String v = vec(q);
    assertEquals(exact("Euclid", q, 5, 5, i -> true), ids(s.ok("POST", "/collections/c/points/search", "{'vector': " + v + ", 'limit': 5, 'offset': 5, 'params': {'exact': true}}")));
    List<Integer> top = exact("Euclid", q, 20, 0, i -> true);
    double threshold = score("Euclid", q, vectors[top.get(9)]) + 1e-6;
    JsonNode close = s.ok("POST", "/collections/c/points/search", "{'vector': " + v + ", 'limit': 50, 'score_threshold': " + threshold + ", 'params': {'exact': true}}");
    assertEquals(top.subList(0, 10), ids(close), "Euclid keeps distances at most the threshold");
    String filter = "{'must': [{'key': 'group', 'match': {'any': [2, 5]}}], 'must_not': [{'has_id': [" + top.get(0) + "]}]}";
    JsonNode filtered = s.ok("POST", "/collections/c/points/search", "{'vector': " + v + ", 'limit': 10, 'filter': " + filter + ", 'with_payload': ['group']}");
    IntPredicate pass = i -> (i % 10 == 2 || i % 10 == 5) && i != top.get(0);
    assertEquals(exact("Euclid", q, 10, 0, pass), ids(filtered));
    for (JsonNode h : filtered) {
      assertEquals(json("{'group': " + h.get("id").asInt() % 10 + "}"), h.get("payload"));
    }
    JsonNode withVector = s.ok("POST", "/collections/c/points/search", "{'vector': " + v + ", 'limit': 1, 'with_vector': true, 'with_payload': true}");
    assertEquals(3, withVector.get(0).get("id").asInt());
    assertEquals(TestServer.JSON.readTree(vec(q)), withVector.get(0).get("vector"));
    assertEquals(json("{'group': 3, 'name': 'p3'}"), withVector.get(0).get("payload"));
    // Qdrant's named form with the unnamed vector's name, "".
    assertEquals(ids(s.ok("POST", "/collections/c/points/search", "{'vector': " + v + ", 'limit': 3}")),
        ids(s.ok("POST", "/collections/c/points/search", "{'vector': {'name': '', 'vector': " + v + "}, 'limit': 3}")));
  }

  @Test
  void batchesAnswerEachRequestInOrder() throws Exception {
    fill("Dot");
    JsonNode batch = s.ok("POST", "/collections/c/points/search/batch", "{'searches': ["
        + "{'vector': " + vec(vectors[1]) + ", 'limit': 3, 'params': {'exact': true}},"
        + "{'vector': " + vec(vectors[2]) + ", 'limit': 2, 'params': {'exact': true}, 'filter': {'must': [{'key': 'group', 'match': {'value': 4}}]}}]}");
    assertEquals(2, batch.size());
    assertEquals(exact("Dot", vectors[1], 3, 0, i -> true), ids(batch.get(0)));
    assertEquals(exact("Dot", vectors[2], 2, 0, i -> i % 10 == 4), ids(batch.get(1)));
    JsonNode queries = s.ok("POST", "/collections/c/points/query/batch", "{'searches': ["
        + "{'query': " + vec(vectors[1]) + ", 'limit': 3, 'params': {'exact': true}},"
        + "{'query': 2, 'limit': 2, 'params': {'exact': true}}]}");
    assertEquals(exact("Dot", vectors[1], 3, 0, i -> true), ids(queries.get(0).get("points")));
    assertEquals(exact("Dot", vectors[2], 2, 0, i -> i != 2), ids(queries.get(1).get("points")));
    s.fails(400, "searches[1].vector has 2 components", "POST", "/collections/c/points/search/batch",
        "{'searches': [{'vector': " + vec(vectors[1]) + ", 'limit': 3}, {'vector': [1, 2], 'limit': 3}]}");
  }

  @Test
  void queryByPointIdSearchesNearItsVectorAndLeavesItOut() throws Exception {
    fill("Cosine");
    JsonNode byId = s.ok("POST", "/collections/c/points/query", "{'query': 17, 'limit': 5, 'params': {'exact': true}, 'with_payload': true}");
    assertEquals(exact("Cosine", vectors[17], 5, 0, i -> i != 17), ids(byId.get("points")));
    assertEquals("p" + byId.at("/points/0/id").asInt(), byId.at("/points/0/payload/name").asText());
    JsonNode nearestId = s.ok("POST", "/collections/c/points/query",
        "{'query': {'nearest': 17}, 'limit': 5, 'params': {'exact': true}, 'filter': {'must': [{'key': 'group', 'match': {'value': 7}}]}}");
    assertEquals(exact("Cosine", vectors[17], 5, 0, i -> i != 17 && i % 10 == 7), ids(nearestId.get("points")));
    s.fails(404, "no point with id 999", "POST", "/collections/c/points/query", "{'query': 999}");
  }

  @Test
  void queriesHnsw4jDoesNotAnswerAreRefusedByName() throws Exception {
    fill("Cosine");
    String q = vec(vectors[0]);
    s.fails(400, "'recommend' queries are not supported", "POST", "/collections/c/points/query", "{'query': {'recommend': {'positive': [1]}}}");
    s.fails(400, "'fusion' queries are not supported", "POST", "/collections/c/points/query", "{'query': {'fusion': 'rrf'}}");
    s.fails(400, "prefetch is not supported", "POST", "/collections/c/points/query", "{'prefetch': [{'query': " + q + "}], 'query': " + q + "}");
    s.fails(400, "query is required", "POST", "/collections/c/points/query", "{'limit': 3}");
    s.fails(400, "using: no vector named \"image\"", "POST", "/collections/c/points/query", "{'query': " + q + ", 'using': 'image'}");
    s.fails(400, "multi-vectors are not supported", "POST", "/collections/c/points/query", "{'query': [[1, 2], [3, 4]]}");
    s.fails(400, "sparse vectors are not supported", "POST", "/collections/c/points/query", "{'query': {'nearest': {'indices': [1], 'values': [0.5]}}}");
    s.fails(400, "server-side inference", "POST", "/collections/c/points/query", "{'query': {'nearest': {'text': 'hello', 'model': 'm'}}}");
    s.fails(400, "mmr is not supported", "POST", "/collections/c/points/query", "{'query': {'nearest': " + q + ", 'mmr': {'diversity': 0.5}}}");
    s.fails(400, "no vector named \"image\"", "POST", "/collections/c/points/search", "{'vector': {'name': 'image', 'vector': " + q + "}, 'limit': 3}");
    s.fails(400, "limit is required", "POST", "/collections/c/points/search", "{'vector': " + q + "}");
    s.fails(400, "params.exact: expected true or false", "POST", "/collections/c/points/query", "{'query': " + q + ", 'params': {'exact': 'yes'}}");
    s.fails(400, "params.hnsw_ef: expected an integer >= 1", "POST", "/collections/c/points/search", "{'vector': " + q + ", 'limit': 3, 'params': {'hnsw_ef': 0}}");
    s.fails(400, "hnsw_eff: unknown field", "POST", "/collections/c/points/search", "{'vector': " + q + ", 'limit': 3, 'params': {'hnsw_eff': 10}}");
    // Qdrant's tuning knobs that change nothing here are accepted.
    s.ok("POST", "/collections/c/points/search", "{'vector': " + q + ", 'limit': 3, 'params': {'quantization': {'rescore': true}, 'indexed_only': false}}");
  }
}
