package io.hnsw4j.store;

import static io.hnsw4j.store.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.hnsw4j.store.model.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Every collection operation against expected results. */
class CollectionOperationsTest {
  @TempDir Path dir;
  Database db;

  @BeforeEach
  void open() {
    db = Database.open(dir);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static Point point(long id, float[] v, String payload) {
    return new Point(PointId.of(id), v, payload == null ? null : object(payload));
  }

  private static List<PointId> ids(long... ids) {
    List<PointId> out = new ArrayList<>();
    for (long id : ids) {
      out.add(PointId.of(id));
    }
    return out;
  }

  private static Filter filter(String json) {
    return FilterParser.parse(TestJson.node(json));
  }

  @Test
  void upsertRetrieveAndReplaceWholePoints() {
    Collection c = db.create("points", CollectionConfig.of(2, Distance.EUCLID));
    UpdateResult r = c.upsert(List.of(point(1, new float[] {1, 2}, "{'a': 1, 'b': {'c': 2, 'd': 3}}"), point(2, new float[] {3, 4}, null)), true);
    assertEquals(UpdateResult.Status.COMPLETED, r.status());
    assertEquals(1, r.operationId());

    RetrievedPoint one = c.get(PointId.of(1)).orElseThrow();
    assertEquals(object("{'a': 1, 'b': {'c': 2, 'd': 3}}"), one.payload());
    assertArrayEquals(new float[] {1, 2}, one.vector());
    assertEquals(object("{}"), c.get(PointId.of(2)).orElseThrow().payload());

    List<RetrievedPoint> some = c.retrieve(ids(2, 99, 1, 2), PayloadSelector.include(List.of(FieldPath.parse("b.c"))), false);
    assertEquals(ids(2, 1), some.stream().map(RetrievedPoint::id).toList());
    assertEquals(object("{'b': {'c': 2}}"), some.get(1).payload());
    assertNull(some.get(1).vector());
    assertEquals(object("{'a': 1, 'b': {'d': 3}}"),
        c.retrieve(ids(1), PayloadSelector.exclude(List.of(FieldPath.parse("b.c"))), false).getFirst().payload());
    assertNull(c.retrieve(ids(1), PayloadSelector.NONE, false).getFirst().payload());

    // An upsert replaces the whole point; the last of repeated ids wins.
    c.upsert(List.of(point(1, new float[] {5, 6}, "{'x': true}"), point(1, new float[] {7, 8}, "{'y': false}")), true);
    RetrievedPoint replaced = c.get(PointId.of(1)).orElseThrow();
    assertEquals(object("{'y': false}"), replaced.payload());
    assertArrayEquals(new float[] {7, 8}, replaced.vector());
    assertEquals(2, c.count(null, true));
  }

  @Test
  void deleteByIdsAndByFilter() {
    Collection c = db.create("del", CollectionConfig.of(1, Distance.DOT));
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      points.add(point(i, new float[] {i + 1}, "{'even': " + (i % 2 == 0) + "}"));
    }
    c.upsert(points, true);
    c.delete(PointSelector.ids(ids(1, 3, 42)), true);
    assertEquals(8, c.count(null, true));
    c.delete(PointSelector.matching(filter("{'must': {'key': 'even', 'match': {'value': true}}}")), true);
    assertEquals(ids(5, 7, 9), c.scroll(ScrollRequest.first(100)).points().stream().map(RetrievedPoint::id).toList());
    assertEquals(ids(9, 7, 5), c.search(SearchRequest.builder(new float[] {1}).limit(5).build()).stream().map(ScoredPoint::id).toList());
  }

  @Test
  void scrollPagesInQdrantIdOrder() {
    Collection c = db.create("scroll", CollectionConfig.of(1, Distance.EUCLID));
    PointId biggest = PointId.of(-1L); // 2^64 - 1
    PointId uuidLow = PointId.of(new UUID(0x1L, 0));
    PointId uuidHigh = PointId.of(new UUID(0x8000000000000000L, 0)); // negative as a Java long, high as unsigned
    List<Point> points = new ArrayList<>();
    for (PointId id : List.of(uuidHigh, biggest, PointId.of(7), uuidLow, PointId.of(0), PointId.of(1L << 63))) {
      points.add(new Point(id, new float[] {0}, object("{'k': 1}")));
    }
    c.upsert(points, true);
    List<PointId> expected = List.of(PointId.of(0), PointId.of(7), PointId.of(1L << 63), biggest, uuidLow, uuidHigh);
    List<PointId> seen = new ArrayList<>();
    ScrollRequest request = new ScrollRequest(null, 4, null, PayloadSelector.NONE, false);
    ScrollPage page = c.scroll(request);
    page.points().forEach(p -> seen.add(p.id()));
    assertEquals(uuidLow, page.nextPageOffset());
    page = c.scroll(request.from(page.nextPageOffset()));
    page.points().forEach(p -> seen.add(p.id()));
    assertNull(page.nextPageOffset());
    assertEquals(expected, seen);
    ScrollPage filtered = c.scroll(ScrollRequest.first(10).withFilter(filter("{'must': {'has_id': [7, 0]}}")));
    assertEquals(List.of(PointId.of(0), PointId.of(7)), filtered.points().stream().map(RetrievedPoint::id).toList());
    assertEquals(object("{'k': 1}"), filtered.points().getFirst().payload());
  }

  @ParameterizedTest
  @EnumSource(Distance.class)
  void searchScoresAsQdrantReportsThem(Distance distance) {
    Collection c = db.create("s-" + distance.name().toLowerCase(), CollectionConfig.of(8, distance));
    Random random = new Random(3);
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      float[] v = new float[8];
      for (int j = 0; j < 8; j++) {
        v[j] = (float) random.nextGaussian();
      }
      points.add(point(i, v, "{'i': " + i + "}"));
    }
    c.upsert(points, true);
    float[] q = points.get(17).vector().clone();
    q[0] += 0.3f;
    List<float[]> expected = new ArrayList<>(); // {id, score}
    for (Point p : points) {
      expected.add(new float[] {p.id().number(), score(distance, q, p.vector())});
    }
    Comparator<float[]> best = Comparator.comparingDouble(a -> distance.higherIsBetter() ? -a[1] : a[1]);
    expected.sort(best);
    for (boolean exact : new boolean[] {true, false}) {
      List<ScoredPoint> hits = c.search(SearchRequest.builder(q).limit(10).ef(200).exact(exact).withPayload(PayloadSelector.ALL).build());
      for (int i = 0; i < 10; i++) {
        assertEquals((long) expected.get(i)[0], hits.get(i).id().number(), distance + " rank " + i);
        assertEquals(expected.get(i)[1], hits.get(i).score(), 1e-4 * Math.max(1, Math.abs(expected.get(i)[1])), distance + " score " + i);
        assertEquals(object("{'i': " + hits.get(i).id().number() + "}"), hits.get(i).payload());
      }
    }
    // offset skips the best, score_threshold keeps scores at least (similarity) or at most (distance) as good.
    List<ScoredPoint> page = c.search(SearchRequest.builder(q).limit(3).offset(2).exact(true).build());
    assertEquals((long) expected.get(2)[0], page.getFirst().id().number());
    float threshold = c.search(SearchRequest.builder(q).limit(5).exact(true).build()).get(4).score();
    List<ScoredPoint> kept = c.search(SearchRequest.builder(q).limit(50).exact(true).scoreThreshold(threshold).build());
    assertEquals(5, kept.size(), distance + " threshold " + threshold);
    assertTrue(kept.stream().allMatch(h -> distance.passes(h.score(), threshold)));
    assertEquals(List.of(c.search(SearchRequest.builder(q).limit(4).build()), c.search(SearchRequest.builder(points.get(3).vector()).limit(2).build())),
        c.searchBatch(List.of(SearchRequest.builder(q).limit(4).build(), SearchRequest.builder(points.get(3).vector()).limit(2).build())));
  }

  private static float score(Distance d, float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0, l2 = 0, l1 = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
      l2 += (a[i] - b[i]) * (a[i] - b[i]);
      l1 += Math.abs(a[i] - b[i]);
    }
    return (float) switch (d) {
      case COSINE -> dot / Math.sqrt(na * nb);
      case DOT -> dot;
      case EUCLID -> Math.sqrt(l2);
      case MANHATTAN -> l1;
    };
  }

  @Test
  void cosineVectorsComeBackNormalisedAndManhattanSurvivesReopening() {
    Collection cos = db.create("cos", CollectionConfig.of(2, Distance.COSINE));
    cos.upsert(List.of(point(1, new float[] {3, 4}, null)), true);
    assertArrayEquals(new float[] {0.6f, 0.8f}, cos.get(PointId.of(1)).orElseThrow().vector(), 1e-6f);

    Collection l1 = db.create("l1", CollectionConfig.of(2, Distance.MANHATTAN));
    l1.upsert(List.of(point(1, new float[] {1, 1}, null), point(2, new float[] {4, 5}, null)), true);
    db.close();
    db = Database.open(dir);
    List<ScoredPoint> hits = db.get("l1").search(SearchRequest.builder(new float[] {0, 0}).limit(2).build());
    assertEquals(ids(1, 2), hits.stream().map(ScoredPoint::id).toList());
    assertEquals(2f, hits.get(0).score());
    assertEquals(9f, hits.get(1).score());
  }

  @Test
  void payloadOperationsByIdsAndByFilter() {
    Collection c = db.create("payload", CollectionConfig.of(1, Distance.EUCLID));
    c.upsert(List.of(point(1, new float[] {1}, "{'a': 1, 'n': {'x': 1}}"), point(2, new float[] {2}, "{'a': 2}"), point(3, new float[] {3}, "{'a': 3}")), true);
    PointSelector one = PointSelector.ids(ids(1));
    c.setPayload(one, object("{'b': 'new', 'a': 10}"), null, true);
    assertEquals(object("{'a': 10, 'n': {'x': 1}, 'b': 'new'}"), c.get(PointId.of(1)).orElseThrow().payload());
    c.setPayload(one, object("{'y': 2}"), FieldPath.parse("n"), true);
    c.setPayload(one, object("{'z': 3}"), FieldPath.parse("deep.er"), true);
    assertEquals(object("{'a': 10, 'n': {'x': 1, 'y': 2}, 'b': 'new', 'deep': {'er': {'z': 3}}}"), c.get(PointId.of(1)).orElseThrow().payload());
    c.deletePayloadKeys(one, List.of(FieldPath.parse("n.x"), FieldPath.parse("b"), FieldPath.parse("nothing")), true);
    assertEquals(object("{'a': 10, 'n': {'y': 2}, 'deep': {'er': {'z': 3}}}"), c.get(PointId.of(1)).orElseThrow().payload());
    c.overwritePayload(one, object("{'only': true}"), true);
    assertEquals(object("{'only': true}"), c.get(PointId.of(1)).orElseThrow().payload());

    Filter big = filter("{'must': {'key': 'a', 'range': {'gte': 2}}}");
    c.setPayload(PointSelector.matching(big), object("{'tag': 'big'}"), null, true);
    assertEquals(object("{'a': 2, 'tag': 'big'}"), c.get(PointId.of(2)).orElseThrow().payload());
    assertEquals(object("{'a': 3, 'tag': 'big'}"), c.get(PointId.of(3)).orElseThrow().payload());
    c.clearPayload(PointSelector.matching(filter("{'must': {'key': 'tag', 'match': {'value': 'big'}}}")), true);
    assertEquals(object("{}"), c.get(PointId.of(3)).orElseThrow().payload());
    c.deletePayloadKeys(PointSelector.matching(Filter.ALL), List.of(FieldPath.parse("only")), true);
    assertEquals(object("{}"), c.get(PointId.of(1)).orElseThrow().payload());

    // A listed id that does not exist: NOT_FOUND, nothing changes.
    StoreException e = assertThrows(StoreException.class, () -> c.setPayload(PointSelector.ids(ids(2, 77)), object("{'q': 1}"), null, true));
    assertEquals(StoreException.Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("77"), e.getMessage());
    assertEquals(object("{}"), c.get(PointId.of(2)).orElseThrow().payload());
  }

  @Test
  void payloadIndexesAppearInInfoAndFollowChanges() {
    Collection c = db.create("info", CollectionConfig.of(2, Distance.COSINE).withHnsw(8, 64));
    c.upsert(List.of(point(1, new float[] {1, 0}, "{'color': 'red', 'n': 1}"), point(2, new float[] {0, 1}, "{'color': ['red', 'blue']}"), point(3, new float[] {1, 1}, "{}")), true);
    c.createPayloadIndex(FieldPath.parse("color"), PayloadSchemaType.KEYWORD, true);
    c.createPayloadIndex(FieldPath.parse("n"), PayloadSchemaType.INTEGER, true);
    CollectionInfo info = c.info();
    assertEquals(CollectionInfo.Status.GREEN, info.status());
    assertEquals(3, info.pointsCount());
    assertEquals(3, info.indexedVectorsCount());
    assertEquals(CollectionConfig.of(2, Distance.COSINE).withHnsw(8, 64), info.config());
    assertEquals(new CollectionInfo.PayloadIndexInfo(PayloadSchemaType.KEYWORD, 2), info.payloadSchema().get("color"));
    assertEquals(new CollectionInfo.PayloadIndexInfo(PayloadSchemaType.INTEGER, 1), info.payloadSchema().get("n"));
    Filter red = filter("{'must': {'key': 'color', 'match': {'value': 'red'}}}");
    assertEquals(2, c.count(red, true));
    assertEquals(2, c.count(red, false));
    c.overwritePayload(PointSelector.ids(ids(2)), object("{'color': 'blue'}"), true);
    assertEquals(1, c.count(red, true));
    c.deletePayloadIndex(FieldPath.parse("n"), true);
    assertEquals(List.of("color"), List.copyOf(c.info().payloadSchema().keySet()));
    assertEquals(1, c.count(red, true));
  }

  @Test
  void estimatedCountsAreCloseOnUnindexedFields() {
    Collection c = db.create("estimate", CollectionConfig.of(1, Distance.EUCLID));
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      points.add(point(i, new float[] {i}, "{'m': " + (i % 10) + "}"));
    }
    c.upsert(points, true);
    Filter f = filter("{'must': {'key': 'm', 'match': {'any': [1, 2, 3]}}}");
    assertEquals(1500, c.count(f, true));
    long estimate = c.count(f, false);
    assertTrue(Math.abs(estimate - 1500) <= 150, "estimate " + estimate);
  }

  @Test
  void versionsFollowTheLastOperationOnEachPoint() {
    Collection c = db.create("versions", CollectionConfig.of(1, Distance.EUCLID));
    c.upsert(List.of(point(1, new float[] {1}, null), point(2, new float[] {2}, null)), true);
    long seq = c.setPayload(PointSelector.ids(ids(2)), object("{'v': 1}"), null, true).operationId();
    List<ScoredPoint> hits = c.search(SearchRequest.builder(new float[] {0}).limit(2).build());
    assertEquals(1, hits.get(0).version());
    assertEquals(seq, hits.get(1).version());
    UpdateResult quick = c.upsert(List.of(point(3, new float[] {3}, null)), false);
    assertEquals(UpdateResult.Status.ACKNOWLEDGED, quick.status());
  }
}
