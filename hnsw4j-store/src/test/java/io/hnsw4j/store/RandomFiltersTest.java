package io.hnsw4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.FilterParser;
import io.hnsw4j.store.filter.FilterWriter;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random filters with every operator, on random payloads, through two collections, one with a
 * payload index on every key and one with none: both must pass exactly the points {@link
 * FilterOracle} passes, before and after payload updates and deletes (which the indexes follow).
 */
class RandomFiltersTest {
  static final int POINTS = 600;
  static final long SEED = 20261201L;

  @TempDir Path dir;

  @Test
  void indexedAndPlainCollectionsAgreeWithTheOracle() {
    RandomPayloads gen = new RandomPayloads(SEED);
    Map<PointId, ObjectNode> payloads = new HashMap<>();
    List<Point> points = new ArrayList<>();
    Random random = new Random(SEED);
    for (int i = 0; i < POINTS; i++) {
      ObjectNode p = gen.payload();
      payloads.put(gen.id(i), p);
      points.add(new Point(gen.id(i), new float[] {random.nextFloat(), random.nextFloat()}, p));
    }
    try (Database db = Database.open(dir)) {
      Collection plain = db.create("plain", CollectionConfig.of(2, Distance.EUCLID));
      Collection indexed = db.create("indexed", CollectionConfig.of(2, Distance.EUCLID));
      plain.upsert(points, true);
      indexed.upsert(points, true);
      Map<String, PayloadSchemaType> schema = Map.of(
          "kw", PayloadSchemaType.KEYWORD, "num", PayloadSchemaType.INTEGER, "fnum", PayloadSchemaType.FLOAT,
          "flag", PayloadSchemaType.BOOL, "when", PayloadSchemaType.DATETIME, "text", PayloadSchemaType.TEXT,
          "obj.inner", PayloadSchemaType.INTEGER, "items[].a", PayloadSchemaType.KEYWORD, "items[].b", PayloadSchemaType.INTEGER);
      schema.forEach((k, t) -> indexed.createPayloadIndex(FieldPath.parse(k), t, true));
      FilterOracle plainOracle = new FilterOracle(Set.of());
      FilterOracle indexedOracle = new FilterOracle(Set.of("text"));

      check(gen, 250, payloads, plain, plainOracle, indexed, indexedOracle);

      // Change payloads and delete points, the same in both, and check again.
      for (int round = 0; round < 60; round++) {
        PointId id = gen.id(random.nextInt(POINTS));
        if (!payloads.containsKey(id)) {
          continue;
        }
        if (round % 4 == 0) {
          plain.delete(PointSelector.ids(List.of(id)), true);
          indexed.delete(PointSelector.ids(List.of(id)), true);
          payloads.remove(id);
        } else {
          ObjectNode p = gen.payload();
          plain.overwritePayload(PointSelector.ids(List.of(id)), p, true);
          indexed.overwritePayload(PointSelector.ids(List.of(id)), p, true);
          payloads.put(id, p);
        }
      }
      check(gen, 150, payloads, plain, plainOracle, indexed, indexedOracle);
    }
  }

  private static void check(RandomPayloads gen, int filters, Map<PointId, ObjectNode> payloads,
      Collection plain, FilterOracle plainOracle, Collection indexed, FilterOracle indexedOracle) {
    for (int i = 0; i < filters; i++) {
      Filter f = FilterParser.parse(FilterWriter.write(gen.filter(2)));
      String what = "filter " + i + " " + FilterWriter.write(f);
      assertEquals(expected(f, payloads, plainOracle), ids(plain, f), "plain, " + what);
      assertEquals(expected(f, payloads, indexedOracle), ids(indexed, f), "indexed, " + what);
      assertEquals(expected(f, payloads, indexedOracle).size(), indexed.count(f, true), "count, " + what);
    }
  }

  private static Set<PointId> expected(Filter f, Map<PointId, ObjectNode> payloads, FilterOracle oracle) {
    Set<PointId> out = new TreeSet<>();
    payloads.forEach((id, p) -> {
      if (oracle.passes(f, id, p)) {
        out.add(id);
      }
    });
    return out;
  }

  private static Set<PointId> ids(Collection c, Filter f) {
    Set<PointId> out = new TreeSet<>();
    c.scroll(new ScrollRequest(f, POINTS + 1, null, io.hnsw4j.store.model.PayloadSelector.NONE, false)).points().forEach(p -> out.add(p.id()));
    return out;
  }
}
