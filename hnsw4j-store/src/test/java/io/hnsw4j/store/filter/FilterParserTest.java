package io.hnsw4j.store.filter;

import static io.hnsw4j.store.TestJson.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.model.StoreException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterParserTest {

  @Test
  void readsEveryOperator() {
    Filter f =
        FilterParser.parse(
            node(
                """
                {'must': [
                   {'key': 'city', 'match': {'value': 'London'}},
                   {'key': 'n', 'match': {'value': 7}},
                   {'key': 'ok', 'match': {'value': true}},
                   {'key': 'tags', 'match': {'any': ['a', 'b']}},
                   {'key': 'codes', 'match': {'any': [1, 2]}},
                   {'key': 'tags', 'match': {'except': ['c']}},
                   {'key': 'codes', 'match': {'except': [3]}},
                   {'key': 'body', 'match': {'text': 'good cheap'}},
                   {'key': 'price', 'range': {'gt': 1, 'lte': 9.5}},
                   {'key': 'at', 'range': {'gte': '2024-01-01T00:00:00Z', 'lt': '2024-02-01'}},
                   {'key': 'reports', 'values_count': {'gt': 2}},
                   {'is_empty': {'key': 'a.b'}},
                   {'is_null': {'key': 'c[].d'}},
                   {'has_id': [1, '550e8400-e29b-41d4-a716-446655440000']},
                   {'nested': {'key': 'diet[]', 'filter': {'must': {'key': 'food', 'match': {'value': 'meat'}}}}},
                   {'should': [{'key': 'x', 'match': {'value': 1}}]}
                 ],
                 'must_not': {'key': 'color', 'match': {'value': 'red'}},
                 'should': [],
                 'min_should': {'conditions': [{'key': 'x', 'match': {'value': 2}}], 'min_count': 1}}
                """));
    List<Condition> must = f.must();
    assertEquals(new Condition.FieldMatch(FieldPath.parse("city"), new Match.Keyword("London")), must.get(0));
    assertEquals(new Match.Integer(7), ((Condition.FieldMatch) must.get(1)).match());
    assertEquals(new Match.Bool(true), ((Condition.FieldMatch) must.get(2)).match());
    assertEquals(new Match.AnyKeywords(Set.of("a", "b")), ((Condition.FieldMatch) must.get(3)).match());
    assertEquals(new Match.AnyIntegers(Set.of(1L, 2L)), ((Condition.FieldMatch) must.get(4)).match());
    assertEquals(new Match.ExceptKeywords(Set.of("c")), ((Condition.FieldMatch) must.get(5)).match());
    assertEquals(new Match.ExceptIntegers(Set.of(3L)), ((Condition.FieldMatch) must.get(6)).match());
    assertEquals(new Match.Text("good cheap"), ((Condition.FieldMatch) must.get(7)).match());
    assertEquals(new Bounds<>(1.0, null, null, 9.5), ((Condition.NumberRange) must.get(8)).bounds());
    Condition.DatetimeRange dt = (Condition.DatetimeRange) must.get(9);
    assertEquals(DateTimes.parseMicros("2024-01-01T00:00:00Z"), dt.bounds().gte());
    assertEquals(DateTimes.parseMicros("2024-02-01T00:00:00Z"), dt.bounds().lt());
    assertEquals(new Bounds<>(2, null, null, null), ((Condition.ValuesCount) must.get(10)).bounds());
    assertEquals(new Condition.IsEmpty(FieldPath.parse("a.b")), must.get(11));
    assertEquals(new Condition.IsNull(FieldPath.parse("c[].d")), must.get(12));
    assertEquals(
        new Condition.HasId(Set.of(PointId.of(1), PointId.of(UUID.fromString("550e8400-e29b-41d4-a716-446655440000")))),
        must.get(13));
    Condition.Nested nested = (Condition.Nested) must.get(14);
    assertEquals("diet[]", nested.key().toString());
    assertInstanceOf(Filter.class, must.get(15));
    assertEquals(1, f.mustNot().size());
    assertEquals(List.of(), f.should());
    assertEquals(1, f.minShould().minCount());
  }

  @Test
  void absentFilterIsNullAndEmptyFilterPassesAll() {
    assertNull(FilterParser.parse(null));
    assertNull(FilterParser.parse(node("null")));
    assertEquals(Filter.ALL, FilterParser.parse(node("{}")));
    assertEquals(Filter.ALL, FilterParser.parse(node("{'must': null}")));
  }

  @Test
  void writerOutputReadsBackEqual() {
    String json =
        """
        {'must': [{'key': 'a', 'match': {'value': 'x'}}, {'key': 'b', 'range': {'gte': 1.5}},
                  {'key': 'c', 'range': {'lt': '2020-03-01T10:00:00.123456Z'}}, {'has_id': [5, 6]},
                  {'nested': {'key': 'd', 'filter': {'must_not': [{'is_null': {'key': 'e'}}]}}}],
         'should': [{'key': 'f', 'match': {'except': [1, 2]}}, {'key': 'g', 'values_count': {'lte': 3}},
                    {'is_empty': {'key': 'h'}}, {'key': 'i', 'match': {'text': 'hello'}},
                    {'key': 'l', 'keyword_range': {'gt': 'b', 'lte': 'd'}}],
         'min_should': {'conditions': [{'key': 'j', 'match': {'any': ['k']}}], 'min_count': 1}}
        """;
    Filter f = FilterParser.parse(node(json));
    assertEquals(f, FilterParser.parse(FilterWriter.write(f)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{'must': [{'key': 'a', 'match': {'valu': 1}}]}|filter.must[0].match: unknown operator 'valu'",
        "{'must': [{'key': 'a', 'equals': 1}]}|filter.must[0]: unknown operator 'equals'",
        "{'mus': []}|filter: unknown clause 'mus'",
        "{'must': [{'key': 'a', 'match': {'value': 1.5}}]}|filter.must[0].match.value: expected a string, an integer or a boolean",
        "{'must': [{'key': 'a', 'match': {'any': ['x', 1]}}]}|filter.must[0].match.any: mixes strings and integers",
        "{'must': [{'key': 'a', 'range': {'gt': 'soon'}}]}|filter.must[0].range.gt: expected an RFC 3339 date-time",
        "{'must': [{'key': 'a', 'range': {'gt': 1, 'lt': '2020-01-01'}}]}|filter.must[0].range: bounds mix numbers and date-times",
        "{'must': [{'key': 'a', 'range': {'from': 1}}]}|filter.must[0].range: unknown field 'from'",
        "{'must': [{'key': 'a', 'keyword_range': {'gt': 1}}]}|filter.must[0].keyword_range.gt: expected a string, got 1",
        "{'must': [{'key': 'a', 'keyword_range': {'above': 'x'}}]}|filter.must[0].keyword_range: unknown field 'above'",
        "{'must': [{'key': 'a', 'values_count': {'gt': -1}}]}|filter.must[0].values_count.gt: expected a non-negative integer",
        "{'must': [{'key': 'a..b', 'match': {'value': 1}}]}|filter.must[0].key: invalid payload key 'a..b'",
        "{'must': [{'key': 'a'}]}|filter.must[0]: a field condition needs exactly one of",
        "{'must': [{'key': 'a', 'match': {'value': 1}, 'range': {'gt': 1}}]}|filter.must[0]: a field condition needs exactly one of",
        "{'must': [{'has_id': [-1]}]}|filter.must[0].has_id[0]: point id -1 is not in 0..2^64-1",
        "{'must': [{'has_id': ['nope']}]}|filter.must[0].has_id[0]: 'nope' is neither an unsigned integer nor a UUID",
        "{'must': [{'nested': {'key': 'd', 'filter': {'must': [{'has_id': [1]}]}}}]}|has_id is not supported inside a nested filter",
        "{'must': [{'key': 'loc', 'geo_radius': {}}]}|filter.must[0].geo_radius: geo conditions are not supported",
        "{'must': 5}|filter.must: expected a condition or a list of conditions",
        "{'min_should': {'conditions': []}}|filter.min_should: needs both conditions and min_count",
        "[1]|filter: expected an object",
      })
  void rejectsMalformedFiltersNamingThePath(String json, String message) {
    StoreException e = assertThrows(StoreException.class, () -> FilterParser.parse(node(json)));
    assertEquals(StoreException.Kind.BAD_REQUEST, e.kind());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void rejectsFiltersNestedTooDeep() {
    String deep = "{'must': [".repeat(40) + "{}" + "]}".repeat(40);
    StoreException e = assertThrows(StoreException.class, () -> FilterParser.parse(node(deep)));
    assertTrue(e.getMessage().contains("nest deeper than"), e.getMessage());
  }
}
