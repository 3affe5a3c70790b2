package io.hnsw4j.store;

import static io.hnsw4j.store.TestJson.node;
import static io.hnsw4j.store.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.FilterParser;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.model.PayloadSelector;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches, scrolls and reads run while upserts, deletes (by id and by filter) and payload updates
 * go on. Violations are counted while the writes run: a point returned after its delete was
 * acknowledged, or a point returned with a payload that fails the request's filter.
 */
class ConcurrencyTest {
  static final int INITIAL = 2000;
  static final long RUN_MILLIS = 3000;

  @TempDir Path dir;

  private static final Filter LIVE = FilterParser.parse(node("{'must': {'key': 'state', 'match': {'value': 'live'}}}"));
  private static final Filter LIVE_AND_SMALL =
      FilterParser.parse(node("{'must': [{'key': 'state', 'match': {'value': 'live'}}, {'key': 'v', 'range': {'lt': 100}}]}"));

  private static float[] vector(Random r) {
    float[] v = new float[8];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  @Test
  void searchesNeverSeeDeletedPointsOrFailingPayloadsWhileWritesRun() throws Exception {
    try (Database db = Database.open(dir, StoreOptions.DEFAULT.withCheckpointWalBytes(256 << 10))) {
      Collection c = db.create("c", CollectionConfig.of(8, Distance.EUCLID).withHnsw(8, 64));
      c.createPayloadIndex(FieldPath.parse("state"), PayloadSchemaType.KEYWORD, true);
      c.createPayloadIndex(FieldPath.parse("v"), PayloadSchemaType.INTEGER, true);
      Random seed = new Random(99);
      List<Point> initial = new ArrayList<>();
      for (int i = 0; i < INITIAL; i++) {
        initial.add(new Point(PointId.of(i), vector(seed), object("{'state': 'live', 'v': " + (i % 1000) + "}")));
      }
      c.upsert(initial, true);

      Map<PointId, Long> deletedAt = new ConcurrentHashMap<>();
      AtomicLong nextId = new AtomicLong(INITIAL);
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong violations = new AtomicLong();
      AtomicLong reads = new AtomicLong();
      AtomicLong writes = new AtomicLong();
      List<String> examples = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = new ArrayList<>();

      // Deleter: deletes only even ids, which the upserter never writes again once they exist, so
      // a deleted id must never come back.
      threads.add(Thread.ofPlatform().start(() -> {
        Random r = new Random(1);
        while (running.get()) {
          PointId id = PointId.of(r.nextInt((int) nextId.get()) & ~1);
          if (r.nextInt(10) == 0) {
            // by filter: every live point with this v (their ids are recorded after the ack)
            int v = r.nextInt(1000);
            List<PointId> victims = c.scroll(new ScrollRequest(FilterParser.parse(node("{'must': {'key': 'v', 'match': {'value': " + v + "}}}")),
                10_000, null, PayloadSelector.NONE, false)).points().stream().map(RetrievedPoint::id).filter(x -> x.number() % 2 == 0).toList();
            c.delete(PointSelector.ids(victims), true);
            long now = System.nanoTime();
            victims.forEach(vid -> deletedAt.putIfAbsent(vid, now));
          } else {
            c.delete(PointSelector.ids(List.of(id)), true);
            deletedAt.putIfAbsent(id, System.nanoTime());
          }
          writes.incrementAndGet();
        }
      }));
      // Payload flipper: live <-> dead on random points.
      threads.add(Thread.ofPlatform().start(() -> {
        Random r = new Random(2);
        while (running.get()) {
          List<PointId> ids = new ArrayList<>();
          for (int i = 0; i < 5; i++) {
            PointId id = PointId.of(r.nextInt((int) nextId.get()));
            if (!deletedAt.containsKey(id)) {
              ids.add(id);
            }
          }
          String state = r.nextBoolean() ? "live" : "dead";
          try {
            c.setPayload(PointSelector.ids(ids), object("{'state': '" + state + "'}"), null, true);
          } catch (io.hnsw4j.store.model.StoreException e) {
            // a point was deleted in between: refused whole, as it should be
          }
          writes.incrementAndGet();
        }
      }));
      // Upserter: one new point per batch, and replacements of existing odd ids.
      threads.add(Thread.ofPlatform().start(() -> {
        Random r = new Random(3);
        while (running.get()) {
          List<Point> batch = new ArrayList<>();
          long fresh = nextId.get();
          batch.add(new Point(PointId.of(fresh), vector(r), object("{'state': 'live', 'v': " + r.nextInt(1000) + "}")));
          for (int i = 0; i < 3; i++) {
            long id = r.nextInt((int) fresh) | 1;
            batch.add(new Point(PointId.of(id), vector(r), object("{'state': '" + (r.nextBoolean() ? "live" : "dead") + "', 'v': " + r.nextInt(1000) + "}")));
          }
          c.upsert(batch, true);
          nextId.incrementAndGet(); // only now may the deleter pick the new id
          writes.incrementAndGet();
        }
      }));
      // Readers.
      for (int t = 0; t < 2; t++) {
        int thread = t;
        threads.add(Thread.ofPlatform().start(() -> {
          Random r = new Random(10 + thread);
          while (running.get()) {
            long start = System.nanoTime();
            int kind = r.nextInt(4);
            Filter filter = kind == 1 ? LIVE_AND_SMALL : LIVE;
            List<PointId> returned = new ArrayList<>();
            if (kind < 3) {
              List<ScoredPoint> hits = c.search(SearchRequest.builder(vector(r)).limit(20).filter(filter).exact(kind == 2).withPayload(PayloadSelector.ALL).build());
              for (ScoredPoint h : hits) {
                returned.add(h.id());
                if (!h.payload().path("state").asText().equals("live") || (kind == 1 && h.payload().path("v").asInt() >= 100)) {
                  violations.incrementAndGet();
                  examples.add("search returned " + h.id() + " with " + h.payload());
                }
              }
            } else {
              for (RetrievedPoint p : c.scroll(new ScrollRequest(filter, 50, PointId.of(r.nextInt(INITIAL)), PayloadSelector.ALL, false)).points()) {
                returned.add(p.id());
                if (!p.payload().path("state").asText().equals("live")) {
                  violations.incrementAndGet();
                  examples.add("scroll returned " + p.id() + " with " + p.payload());
                }
              }
            }
            for (PointId id : returned) {
              Long gone = deletedAt.get(id);
              if (gone != null && gone < start) {
                violations.incrementAndGet();
                examples.add(id + " returned after its delete was acknowledged");
              }
            }
            reads.incrementAndGet();
          }
        }));
      }
      Thread.sleep(RUN_MILLIS);
      running.set(false);
      for (Thread t : threads) {
        t.join();
      }
      System.out.printf("%d reads and %d writes overlapped; %d violations%n", reads.get(), writes.get(), violations.get());
      assertEquals(0, violations.get(), "violations during the writes: " + examples.subList(0, Math.min(5, examples.size())));
      assertTrue(reads.get() > 100 && writes.get() > 100, reads + " reads, " + writes + " writes");
      assertEquals(CollectionInfo.Status.GREEN, c.info().status());
      for (PointId id : deletedAt.keySet()) {
        assertTrue(c.get(id).isEmpty(), id + " was deleted");
      }
    }
  }
}
