package io.hnsw4j.store.index;

import static io.hnsw4j.store.TestJson.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.filter.Bounds;
import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.DateTimes;
import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.FilterEvaluator;
import io.hnsw4j.store.filter.Match;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.model.PointId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each kind of payload index answers the conditions it supports exactly as reading every payload
 * does, while points are added, changed and removed; the planner's sets for filters mixing indexed
 * and unindexed conditions equal a scan.
 */
class PayloadIndexTest {
  private static final FieldPath V = FieldPath.parse("v");
  private static final String[] WORDS = {"red", "green", "blue"};
  private static final String[] DATES = {"2024-01-01T00:00:00Z", "2024-01-02", "2024-03-01 12:00:00", "bad"};

  /** Points by number, with a live set, as the planner reads them. */
  static final class MapPoints implements Points {
    final Map<Integer, JsonNode> payloads = new HashMap<>();
    final BitSet live = new BitSet();

    @Override
    public BitSet live() {
      return live;
    }

    @Override
    public PointId idOf(int point) {
      return PointId.of(point);
    }

    @Override
    public JsonNode payloadOf(int point) {
      return payloads.get(point);
    }

    @Override
    public int pointOf(PointId id) {
      int p = (int) id.number();
      return live.get(p) ? p : -1;
    }
  }

  @Test
  void everyIndexAnswersAsAScanWhilePointsChange() {
    for (PayloadSchemaType type : PayloadSchemaType.values()) {
      Random random = new Random(type.ordinal() + 100);
      MapPoints points = new MapPoints();
      PayloadIndexes indexes = new PayloadIndexes();
      for (int p = 0; p < 200; p++) {
        put(points, indexes, p, randomPayload(random));
      }
      indexes.create(V, type, points);
      for (int round = 0; round < 300; round++) {
        int p = random.nextInt(260);
        if (random.nextInt(4) == 0 && points.live.get(p)) {
          indexes.update(p, points.payloads.remove(p), null);
          points.live.clear(p);
        } else {
          put(points, indexes, p, randomPayload(random));
        }
        if (round % 10 == 0) {
          for (Condition.FieldCondition c : conditions(random)) {
            FieldIndex.Answer answer = indexes.answer(c);
            FilterPlanner planner = new FilterPlanner(indexes, points);
            BitSet scan = scan(c, points, planner.evaluator());
            assertEquals(scan, planner.passing(Filter.must(c)), type + " " + c);
            if (answer != null && answer.unsure() == null) {
              BitSet exact = (BitSet) answer.matches().clone();
              exact.and(points.live);
              assertEquals(scan, exact, type + " index alone, " + c);
            }
          }
        }
      }
    }
  }

  @Test
  void eachIndexAnswersItsOwnConditions() {
    PayloadIndexes indexes = new PayloadIndexes();
    MapPoints points = new MapPoints();
    for (PayloadSchemaType t : PayloadSchemaType.values()) {
      indexes.create(FieldPath.parse(t.qdrantName()), t, points);
    }
    assertNotNull(indexes.answer(new Condition.FieldMatch(FieldPath.parse("keyword"), new Match.Keyword("a"))));
    assertNull(indexes.answer(new Condition.FieldMatch(FieldPath.parse("keyword"), new Match.ExceptKeywords(java.util.Set.of("a")))));
    assertNotNull(indexes.answer(new Condition.KeywordRange(FieldPath.parse("keyword"), new Bounds<>("a", null, null, null))));
    assertNotNull(indexes.answer(new Condition.NumberRange(FieldPath.parse("integer"), new Bounds<>(1.0, null, null, null))));
    assertNotNull(indexes.answer(new Condition.FieldMatch(FieldPath.parse("integer"), new Match.AnyIntegers(java.util.Set.of(1L)))));
    assertNotNull(indexes.answer(new Condition.NumberRange(FieldPath.parse("float"), new Bounds<>(1.0, null, null, null))));
    assertNull(indexes.answer(new Condition.FieldMatch(FieldPath.parse("float"), new Match.Integer(1))));
    assertNotNull(indexes.answer(new Condition.FieldMatch(FieldPath.parse("bool"), new Match.Bool(true))));
    assertNotNull(indexes.answer(new Condition.DatetimeRange(FieldPath.parse("datetime"), new Bounds<>(0L, null, null, null))));
    assertNotNull(indexes.answer(new Condition.FieldMatch(FieldPath.parse("text"), new Match.Text("a b"))));
    assertNull(indexes.answer(new Condition.IsEmpty(FieldPath.parse("keyword"))));
  }

  private static void put(MapPoints points, PayloadIndexes indexes, int p, JsonNode payload) {
    indexes.update(p, points.payloads.get(p), payload);
    points.payloads.put(p, payload);
    points.live.set(p);
  }

  private static BitSet scan(Condition c, MapPoints points, FilterEvaluator evaluator) {
    BitSet out = new BitSet();
    for (int p = points.live.nextSetBit(0); p >= 0; p = points.live.nextSetBit(p + 1)) {
      if (evaluator.test(c, points.idOf(p), points.payloadOf(p))) {
        out.set(p);
      }
    }
    return out;
  }

  private static JsonNode randomPayload(Random r) {
    String value =
        switch (r.nextInt(10)) {
          case 0 -> "'" + WORDS[r.nextInt(3)] + "'";
          case 1 -> "['" + WORDS[r.nextInt(3)] + " " + WORDS[r.nextInt(3)] + "', '" + WORDS[r.nextInt(3)] + "']";
          case 2 -> String.valueOf(r.nextInt(10) - 3);
          case 3 -> (r.nextInt(40) - 10) / 4.0 + "";
          case 4 -> "[" + r.nextInt(5) + ", " + r.nextInt(5) + ".5]";
          case 5 -> r.nextBoolean() + "";
          case 6 -> "'" + DATES[r.nextInt(DATES.length)] + "'";
          case 7 -> "null";
          case 8 -> "[]";
          default -> "9007199254740993";
        };
    return r.nextInt(8) == 0 ? node("{}") : node("{'v': " + value + "}");
  }

  private static List<Condition.FieldCondition> conditions(Random r) {
    List<Condition.FieldCondition> out = new ArrayList<>();
    out.add(new Condition.FieldMatch(V, new Match.Keyword(WORDS[r.nextInt(3)])));
    out.add(new Condition.FieldMatch(V, new Match.AnyKeywords(new HashSet<>(List.of(WORDS[r.nextInt(3)], WORDS[r.nextInt(3)])))));
    out.add(new Condition.FieldMatch(V, new Match.Integer(r.nextInt(6))));
    out.add(new Condition.FieldMatch(V, new Match.AnyIntegers(new HashSet<>(List.of((long) r.nextInt(6), 9007199254740993L)))));
    out.add(new Condition.FieldMatch(V, new Match.Bool(r.nextBoolean())));
    out.add(new Condition.KeywordRange(V, new Bounds<>(r.nextBoolean() ? WORDS[r.nextInt(3)] : null, null, null, WORDS[r.nextInt(3)])));
    out.add(new Condition.FieldMatch(V, new Match.Text(WORDS[r.nextInt(3)] + " " + WORDS[r.nextInt(3)])));
    out.add(new Condition.NumberRange(V, new Bounds<>(null, r.nextInt(8) - 3.5, null, r.nextInt(8) + 0.0)));
    out.add(new Condition.NumberRange(V, new Bounds<>(r.nextInt(6) - 1.0, null, r.nextBoolean() ? null : 9007199254740994.0, null)));
    out.add(new Condition.DatetimeRange(V, new Bounds<>(null, DateTimes.parseMicros(DATES[r.nextInt(3)]), null, DateTimes.parseMicros("2024-02-01"))));
    return out;
  }
}
