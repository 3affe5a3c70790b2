package io.hnsw4j.store.filter;

import static io.hnsw4j.store.TestJson.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.model.PointId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The meaning of each operator on hand-made payloads (many from Qdrant's filtering guide). */
class FilterSemanticsTest {
  private static final List<JsonNode> CITIES =
      List.of(
          node("{'city': 'London', 'color': 'green'}"),
          node("{'city': 'London', 'color': 'red'}"),
          node("{'city': 'London', 'color': 'blue'}"),
          node("{'city': 'Berlin', 'color': 'red'}"),
          node("{'city': 'Moscow', 'color': 'green'}"),
          node("{'city': 'Moscow', 'color': 'blue'}"));

  /** The 1-based ids of the payloads that pass. */
  private static List<Integer> passing(List<JsonNode> payloads, String filter, FilterEvaluator evaluator) {
    Filter f = FilterParser.parse(node(filter));
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      if (evaluator.test(f, PointId.of(i + 1), payloads.get(i))) {
        out.add(i + 1);
      }
    }
    return out;
  }

  private static List<Integer> passing(List<JsonNode> payloads, String filter) {
    return passing(payloads, filter, FilterEvaluator.PLAIN);
  }

  @Test
  void clauses() {
    String london = "{'key': 'city', 'match': {'value': 'London'}}";
    String red = "{'key': 'color', 'match': {'value': 'red'}}";
    assertEquals(List.of(2), passing(CITIES, "{'must': [" + london + ", " + red + "]}"));
    assertEquals(List.of(1, 2, 3, 4), passing(CITIES, "{'should': [" + london + ", " + red + "]}"));
    assertEquals(List.of(5, 6), passing(CITIES, "{'must_not': [" + london + ", " + red + "]}"));
    assertEquals(List.of(1, 3), passing(CITIES, "{'must': [" + london + "], 'must_not': [" + red + "]}"));
    assertEquals(List.of(1, 3, 4, 5, 6), passing(CITIES, "{'must_not': [{'must': [" + london + ", " + red + "]}]}"));
    assertEquals(List.of(), passing(CITIES, "{'should': []}"));
    assertEquals(List.of(1, 2, 3, 4, 5, 6), passing(CITIES, "{}"));
    String blue = "{'key': 'color', 'match': {'value': 'blue'}}";
    assertEquals(List.of(2, 3), passing(CITIES, "{'min_should': {'conditions': [" + london + ", " + red + ", " + blue + "], 'min_count': 2}}"));
    assertEquals(List.of(1, 2, 3, 4, 5, 6), passing(CITIES, "{'min_should': {'conditions': [" + red + "], 'min_count': 0}}"));
  }

  @Test
  void matchValueAnyExcept() {
    List<JsonNode> p =
        List.of(
            node("{'c': ['black', 'green']}"),
            node("{'c': 'yellow'}"),
            node("{'c': ['black', 'yellow']}"),
            node("{}"),
            node("{'c': null}"),
            node("{'c': []}"),
            node("{'c': 5}"),
            node("{'c': 3.0}"),
            node("{'c': true}"));
    assertEquals(List.of(1, 3), passing(p, "{'must': {'key': 'c', 'match': {'value': 'black'}}}"));
    assertEquals(List.of(1, 2, 3), passing(p, "{'must': {'key': 'c', 'match': {'any': ['black', 'yellow']}}}"));
    // except: some element that is not null and not listed; an absent field passes.
    assertEquals(List.of(1, 4, 7, 8, 9), passing(p, "{'must': {'key': 'c', 'match': {'except': ['black', 'yellow']}}}"));
    assertEquals(List.of(7), passing(p, "{'must': {'key': 'c', 'match': {'value': 5}}}"));
    assertEquals(List.of(7), passing(p, "{'must': {'key': 'c', 'match': {'any': [5, 6]}}}"));
    assertEquals(List.of(1, 2, 3, 4, 8, 9), passing(p, "{'must': {'key': 'c', 'match': {'except': [5]}}}"));
    assertEquals(List.of(9), passing(p, "{'must': {'key': 'c', 'match': {'value': true}}}"));
    assertEquals(List.of(), passing(p, "{'must': {'key': 'c', 'match': {'value': 3}}}"), "3.0 is not the integer 3");
  }

  @Test
  void nestedKeysAndArrays() {
    List<JsonNode> p =
        List.of(
            node(
                """
                {'country': {'name': 'Germany', 'cities': [
                  {'name': 'Berlin', 'population': 3.7, 'sightseeing': ['Brandenburg Gate', 'Reichstag']},
                  {'name': 'Munich', 'population': 1.5, 'sightseeing': ['Marienplatz', 'Olympiapark']}]}}
                """),
            node(
                """
                {'country': {'name': 'Japan', 'cities': [
                  {'name': 'Tokyo', 'population': 9.3, 'sightseeing': ['Tokyo Tower', 'Tokyo Skytree']},
                  {'name': 'Osaka', 'population': 2.7, 'sightseeing': ['Osaka Castle', 'Universal Studios Japan']}]}}
                """));
    assertEquals(List.of(1), passing(p, "{'should': [{'key': 'country.name', 'match': {'value': 'Germany'}}]}"));
    assertEquals(List.of(2), passing(p, "{'should': [{'key': 'country.cities[].population', 'range': {'gte': 9.0}}]}"));
    assertEquals(List.of(2), passing(p, "{'should': [{'key': 'country.cities[].sightseeing', 'match': {'value': 'Osaka Castle'}}]}"));
    assertEquals(List.of(), passing(p, "{'should': [{'key': 'country.cities.population', 'range': {'gte': 0}}]}"), "no [] no descent");
    assertEquals(List.of(1, 2), passing(p, "{'must': [{'key': 'country.cities[0].population', 'range': {'gt': 1}}]}"));
  }

  @Test
  void nestedObjectFilterMatchesWithinOneElement() {
    List<JsonNode> p =
        List.of(
            node("{'dinosaur': 't-rex', 'diet': [{'food': 'leaves', 'likes': false}, {'food': 'meat', 'likes': true}]}"),
            node("{'dinosaur': 'diplodocus', 'diet': [{'food': 'leaves', 'likes': true}, {'food': 'meat', 'likes': false}]}"));
    assertEquals(
        List.of(1, 2),
        passing(p, "{'must': [{'key': 'diet[].food', 'match': {'value': 'meat'}}, {'key': 'diet[].likes', 'match': {'value': true}}]}"));
    assertEquals(
        List.of(1),
        passing(
            p,
            "{'must': [{'nested': {'key': 'diet', 'filter': {'must': [{'key': 'food', 'match': {'value': 'meat'}},"
                + " {'key': 'likes', 'match': {'value': true}}]}}}]}"));
  }

  @Test
  void emptyNullAndCounts() {
    List<JsonNode> p =
        List.of(
            node("{'r': [1, 2]}"),
            node("{'r': []}"),
            node("{'r': null}"),
            node("{}"),
            node("{'r': [null]}"),
            node("{'r': 'x'}"),
            node("{'r': [1, 2, 3]}"));
    assertEquals(List.of(2, 3, 4), passing(p, "{'must': {'is_empty': {'key': 'r'}}}"));
    assertEquals(List.of(3), passing(p, "{'must': {'is_null': {'key': 'r'}}}"));
    assertEquals(List.of(7), passing(p, "{'must': {'key': 'r', 'values_count': {'gt': 2}}}"));
    assertEquals(List.of(2, 3, 4, 5, 6), passing(p, "{'must': {'key': 'r', 'values_count': {'lt': 2}}}"));
    assertEquals(List.of(1, 5, 6, 7), passing(p, "{'must': {'key': 'r', 'is_empty': false}}"));
  }

  @Test
  void ranges() {
    List<JsonNode> p =
        List.of(
            node("{'v': 1}"),
            node("{'v': 2.5}"),
            node("{'v': [0, 10]}"),
            node("{'v': '5'}"),
            node("{'t': '2020-02-15T00:00:00Z'}"),
            node("{'t': '2020-03-01 10:00:00'}"),
            node("{'t': ['2019-01-01', 'not a date']}"),
            node("{'t': '2020-02-15T01:00:00+02:00'}"));
    assertEquals(List.of(1, 2), passing(p, "{'must': {'key': 'v', 'range': {'gte': 1, 'lt': 5}}}"));
    assertEquals(List.of(3), passing(p, "{'must': {'key': 'v', 'range': {'gt': 9}}}"));
    assertEquals(List.of(1, 2, 3), passing(p, "{'must': {'key': 'v', 'range': {}}}"), "no bounds: any number");
    assertEquals(List.of(5, 8), passing(p, "{'must': {'key': 't', 'range': {'gte': '2020-02-01T00:00:00Z', 'lt': '2020-03-01T00:00:00Z'}}}"));
    assertEquals(List.of(6), passing(p, "{'must': {'key': 't', 'range': {'gte': '2020-03-01'}}}"));
    assertEquals(List.of(7), passing(p, "{'must': {'key': 't', 'range': {'lt': '2020-01-01'}}}"));
  }

  @Test
  void keywordRangesCompareStringsAsJavaDoes() {
    List<JsonNode> p =
        List.of(
            node("{'k': 'a'}"),
            node("{'k': 'b'}"),
            node("{'k': 'ba'}"),
            node("{'k': 'c'}"),
            node("{'k': 'B'}"),
            node("{'k': 2}"),
            node("{'k': ['a', 'z']}"),
            node("{'other': 'c'}"));
    assertEquals(List.of(3, 4, 7), passing(p, "{'must': {'key': 'k', 'keyword_range': {'gt': 'b'}}}"));
    assertEquals(List.of(2, 3, 4, 7), passing(p, "{'must': {'key': 'k', 'keyword_range': {'gte': 'b'}}}"));
    assertEquals(List.of(1, 5, 7), passing(p, "{'must': {'key': 'k', 'keyword_range': {'lt': 'b'}}}"), "upper case sorts first");
    assertEquals(List.of(2, 3), passing(p, "{'must': {'key': 'k', 'keyword_range': {'gte': 'b', 'lte': 'ba'}}}"));
    assertEquals(List.of(1, 2, 3, 4, 5, 7), passing(p, "{'must': {'key': 'k', 'keyword_range': {}}}"), "no bounds: any string");
    assertEquals(List.of(1, 2, 5, 6, 8), passing(p, "{'must_not': {'key': 'k', 'keyword_range': {'gt': 'b'}}}"));
  }

  @Test
  void textMatchIsSubstringWithoutIndexAndAllWordsWithOne() {
    List<JsonNode> p =
        List.of(
            node("{'d': 'Good and CHEAP food'}"),
            node("{'d': 'cheap but good'}"),
            node("{'d': ['good', 'cheap']}"),
            node("{'d': 'goodcheap'}"),
            node("{'d': 7}"));
    assertEquals(List.of(), passing(p, "{'must': {'key': 'd', 'match': {'text': 'good cheap'}}}"));
    assertEquals(List.of(2, 3, 4), passing(p, "{'must': {'key': 'd', 'match': {'text': 'good'}}}"));
    FilterEvaluator words = new FilterEvaluator(key -> key.toString().equals("d"));
    assertEquals(List.of(1, 2, 3), passing(p, "{'must': {'key': 'd', 'match': {'text': 'good cheap'}}}", words));
  }

  @Test
  void hasId() {
    assertEquals(List.of(2, 5), passing(CITIES, "{'must': {'has_id': [2, 5, 99]}}"));
    assertEquals(List.of(1, 3, 4, 6), passing(CITIES, "{'must_not': {'has_id': [2, 5]}}"));
  }
}
