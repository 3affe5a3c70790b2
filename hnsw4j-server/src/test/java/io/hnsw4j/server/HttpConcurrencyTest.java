package io.hnsw4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.StoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches, queries and filtered scrolls over HTTP while other clients upsert, delete and flip
 * payloads, all with {@code wait=true}. Violations are counted while the writes run: a point
 * returned although its delete had been acknowledged before the read was sent, or a point whose
 * returned payload fails the read's filter. Both counts must be 0.
 */
class HttpConcurrencyTest {
  static final int INITIAL = 1500;
  static final long RUN_MILLIS = 3000;
  static final String FILTER = "{'must': [{'key': 'state', 'match': {'value': 'live'}}, {'key': 'v', 'range': {'lt': 100}}]}";

  @TempDir Path dir;

  private static ArrayNode vector(Random r) {
    ArrayNode v = TestServer.JSON.createArrayNode();
    for (int i = 0; i < 8; i++) {
      v.add((float) r.nextGaussian());
    }
    return v;
  }

  private static ObjectNode point(long id, Random r, String state) {
    ObjectNode p = TestServer.JSON.createObjectNode();
    p.put("id", id);
    p.set("vector", vector(r));
    p.putObject("payload").put("state", state).put("v", r.nextInt(200));
    return p;
  }

  private static boolean passes(JsonNode payload) {
    return payload != null && "live".equals(payload.path("state").asText()) && payload.path("v").isInt() && payload.get("v").asInt() < 100;
  }

  @Test
  void readsNeverSeeDeletedPointsOrPayloadsFailingTheFilter() throws Exception {
    ServerConfig config = ServerConfig.builder(dir).port(0).storeOptions(StoreOptions.DEFAULT.withCheckpointWalBytes(256 << 10)).build();
    try (TestServer s = TestServer.start(config)) {
      s.ok("PUT", "/collections/c", "{'vectors': {'size': 8, 'distance': 'Euclid'}, 'hnsw_config': {'m': 8, 'ef_construct': 64}}");
      s.ok("PUT", "/collections/c/index?wait=true", "{'field_name': 'state', 'field_schema': 'keyword'}");
      s.ok("PUT", "/collections/c/index?wait=true", "{'field_name': 'v', 'field_schema': 'integer'}");
      Random seed = new Random(2024);
      ObjectNode initial = TestServer.JSON.createObjectNode();
      ArrayNode list = initial.putArray("points");
      for (int i = 0; i < INITIAL; i++) {
        list.add(point(i, seed, "live"));
      }
      s.ok("PUT", "/collections/c/points?wait=true", initial.toString());

      Set<Long> deleted = ConcurrentHashMap.newKeySet();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong reads = new AtomicLong();
      AtomicLong writes = new AtomicLong();
      AtomicLong deletedSeen = new AtomicLong();
      AtomicLong failingPayloads = new AtomicLong();
      List<Throwable> errors = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();

      threads.add(worker(errors, () -> { // upserts new points and replaces old ones
        Random r = new Random(1);
        for (long id = 100_000; !stop.get(); id++) {
          ObjectNode body = TestServer.JSON.createObjectNode();
          body.putArray("points").add(point(id, r, "live")).add(point(r.nextInt(INITIAL), r, r.nextBoolean() ? "live" : "dead"));
          s.ok("PUT", "/collections/c/points?wait=true", body.toString());
          writes.incrementAndGet();
        }
      }));
      threads.add(worker(errors, () -> { // deletes by id and by filter; deleted ids are never written again
        Random r = new Random(2);
        for (long id = 50_000; !stop.get(); id++) { // ids no other writer uses, each upserted here once
          s.ok("PUT", "/collections/c/points?wait=true", "{'points': [" + point(id, r, "live") + "]}");
          s.ok("POST", "/collections/c/points/delete?wait=true", "{'points': [" + id + "]}");
          deleted.add(id);
          writes.addAndGet(2);
        }
      }));
      threads.add(worker(errors, () -> { // flips payloads in and out of the filter
        Random r = new Random(3);
        while (!stop.get()) {
          long id = r.nextInt(INITIAL);
          String payload = "{'state': '" + (r.nextBoolean() ? "live" : "dead") + "', 'v': " + r.nextInt(200) + "}";
          s.ok("POST", "/collections/c/points/payload?wait=true", "{'payload': " + payload + ", 'points': [" + id + "]}");
          writes.incrementAndGet();
        }
      }));
      for (int t = 0; t < 2; t++) {
        int reader = t;
        threads.add(worker(errors, () -> {
          Random r = new Random(10 + reader);
          while (!stop.get()) {
            Set<Long> before = Set.copyOf(deleted);
            String v = vector(r).toString();
            JsonNode hits = switch (r.nextInt(3)) {
              case 0 -> s.ok("POST", "/collections/c/points/search", "{'vector': " + v + ", 'limit': 20, 'filter': " + FILTER + ", 'with_payload': true}");
              case 1 -> s.ok("POST", "/collections/c/points/query", "{'query': " + v + ", 'limit': 20, 'filter': " + FILTER + ", 'with_payload': true}").get("points");
              default -> s.ok("POST", "/collections/c/points/scroll", "{'limit': 50, 'offset': " + r.nextInt(INITIAL) + ", 'filter': " + FILTER + "}").get("points");
            };
            for (JsonNode h : hits) {
              if (before.contains(h.get("id").asLong())) {
                deletedSeen.incrementAndGet();
              }
              if (!passes(h.get("payload"))) {
                failingPayloads.incrementAndGet();
              }
            }
            // An unfiltered search may not return a deleted point either.
            for (JsonNode h : s.ok("POST", "/collections/c/points/search", "{'vector': " + v + ", 'limit': 30, 'params': {'hnsw_ef': 60}}")) {
              if (before.contains(h.get("id").asLong())) {
                deletedSeen.incrementAndGet();
              }
            }
            reads.incrementAndGet();
          }
        }));
      }
      Thread.sleep(RUN_MILLIS);
      stop.set(true);
      for (Thread t : threads) {
        t.join(60_000);
      }
      assertTrue(errors.isEmpty(), () -> "errors: " + errors);
      System.out.printf("%d reads, %d acknowledged writes, %d deletes: %d deleted points seen, %d payloads failing the filter%n",
          reads.get(), writes.get(), deleted.size(), deletedSeen.get(), failingPayloads.get());
      assertEquals(0, deletedSeen.get(), "points returned after their delete was acknowledged");
      assertEquals(0, failingPayloads.get(), "points returned with a payload failing the filter");
      assertTrue(reads.get() >= 20 && writes.get() >= 20 && deleted.size() >= 5, "too little happened: " + reads + " reads, " + writes + " writes");
      for (long id : deleted) {
        assertEquals(404, s.get("/collections/c/points/" + id).status());
      }
    }
  }

  private interface Body {
    void run() throws Exception;
  }

  private static Thread worker(List<Throwable> errors, Body body) {
    return Thread.ofPlatform().start(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        synchronized (errors) {
          errors.add(e);
        }
      }
    });
  }
}
