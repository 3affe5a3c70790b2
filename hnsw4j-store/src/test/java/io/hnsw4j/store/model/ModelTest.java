package io.hnsw4j.store.model;

import static io.hnsw4j.store.TestJson.node;
import static io.hnsw4j.store.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Point ids, payload keys and payload selectors. */
class ModelTest {

  @Test
  void pointIdsParseWriteAndOrderAsQdrant() {
    assertEquals(PointId.of(-1L), PointId.parse("18446744073709551615"));
    assertEquals("18446744073709551615", PointId.of(-1L).toString());
    assertEquals("18446744073709551615", PointId.of(-1L).toJson().toString());
    assertEquals("42", PointId.of(42).toJson().toString());
    UUID u = UUID.fromString("936da01f-9abd-4d9d-80c7-02af85c822a8");
    assertEquals(PointId.of(u), PointId.parse("936DA01F9ABD4D9D80C702AF85C822A8"));
    assertEquals(node("'936da01f-9abd-4d9d-80c7-02af85c822a8'"), PointId.of(u).toJson());
    assertEquals(PointId.of(u), PointId.fromJson(node("'936da01f-9abd-4d9d-80c7-02af85c822a8'"), "id"));
    assertThrows(StoreException.class, () -> PointId.parse("1-2-3-4-5"), "the JDK's lenient UUID form is refused");
    assertThrows(StoreException.class, () -> PointId.parse("18446744073709551616"));
    assertThrows(StoreException.class, () -> PointId.fromJson(node("true"), "id"));

    List<PointId> ids = new ArrayList<>(List.of(
        PointId.of(new UUID(-1, 0)), PointId.of(new UUID(1, 5)), PointId.of(-1L), PointId.of(3), PointId.of(Long.MIN_VALUE), PointId.of(new UUID(1, -1))));
    Collections.sort(ids);
    assertEquals(List.of(PointId.of(3), PointId.of(Long.MIN_VALUE), PointId.of(-1L), PointId.of(new UUID(1, 5)), PointId.of(new UUID(1, -1)), PointId.of(new UUID(-1, 0))), ids);
  }

  @Test
  void namedIdsAreVersion5UuidsInHnsw4jsNamespace() {
    // Expected values from Python's uuid.uuid5(PointId.NAME_NAMESPACE, name), an independent implementation.
    assertEquals(PointId.of(UUID.fromString("311fdd5e-5c77-53cd-abe0-6ed1b0edb99e")), PointId.named("doc-1"));
    assertEquals(PointId.of(UUID.fromString("723e8108-29b5-5367-b0c8-05e10ffd288e")), PointId.named(""));
    assertEquals(PointId.of(UUID.fromString("afb706db-33e1-51ea-92be-96965d3bfb11")), PointId.named("Gr\u00fc\u00dfe"));
    assertEquals(5, PointId.named("doc-1").uuid().version());
    assertEquals(2, PointId.named("doc-1").uuid().variant());
    String canonical = "936da01f-9abd-4d9d-80c7-02af85c822a8";
    assertEquals(PointId.of(UUID.fromString(canonical)), PointId.forKey(canonical));
    assertEquals(PointId.named(canonical.toUpperCase()), PointId.forKey(canonical.toUpperCase()), "upper case is not canonical");
    assertEquals(PointId.named("doc-1"), PointId.forKey("doc-1"));
  }

  @Test
  void payloadKeysParseFindRemoveAndMerge() {
    assertEquals("a.b[].c[2]", FieldPath.parse("a.b[].c[2]").toString());
    assertEquals("\"a.b\".c", FieldPath.parse("\"a.b\".c").toString());
    assertEquals(List.of(new FieldPath.Key("a.b"), new FieldPath.Key("c")), FieldPath.parse("\"a.b\".c").segments());
    for (String bad : new String[] {"", "a.", ".a", "a..b", "a[", "a[x]", "[]", "a]b", "a.\"b"}) {
      StoreException e = assertThrows(StoreException.class, () -> FieldPath.parse(bad), bad);
      assertEquals(StoreException.Kind.BAD_REQUEST, e.kind());
    }
    ObjectNode p = object("{'a': {'b': [{'c': 1}, {'c': [2, 3]}, {'d': 4}]}, 'x': null}");
    assertEquals(List.of(node("1"), node("[2, 3]")), FieldPath.parse("a.b[].c").values(p));
    assertEquals(List.of(node("[2, 3]")), FieldPath.parse("a.b[1].c").values(p));
    assertEquals(List.of(), FieldPath.parse("a.b.c").values(p));
    assertEquals(List.of(node("null")), FieldPath.parse("x").values(p));

    FieldPath.parse("a.b[].c").remove(p);
    assertEquals(object("{'a': {'b': [{}, {}, {'d': 4}]}, 'x': null}"), p);
    FieldPath.parse("a.b[2]").remove(p);
    assertEquals(object("{'a': {'b': [{}, {}]}, 'x': null}"), p);

    ObjectNode q = object("{'a': 5, 'list': [{'k': 1}, {'k': 2}]}");
    FieldPath.parse("a.new").mergeAt(q, object("{'z': 1}"));
    FieldPath.parse("list[]").mergeAt(q, object("{'m': true}"));
    assertEquals(object("{'a': {'new': {'z': 1}}, 'list': [{'k': 1, 'm': true}, {'k': 2, 'm': true}]}"), q);
  }

  @Test
  void payloadSelectorsIncludeAndExcludeByPath() {
    ObjectNode p = object("{'a': 1, 'b': {'c': 2, 'd': 3}, 'list': [{'x': 1, 'y': 2}, {'x': 3}], 's': 'text'}");
    assertEquals(object("{'a': 1, 'b': {'c': 2}}"), PayloadSelector.include(List.of(FieldPath.parse("a"), FieldPath.parse("b.c"))).apply(p));
    assertEquals(object("{'list': [{'x': 1}, {'x': 3}]}"), PayloadSelector.include(List.of(FieldPath.parse("list[].x"))).apply(p));
    assertEquals(object("{}"), PayloadSelector.include(List.of(FieldPath.parse("s.deeper"))).apply(p));
    assertEquals(object("{'a': 1, 'b': {'d': 3}, 's': 'text'}"), PayloadSelector.exclude(List.of(FieldPath.parse("b.c"), FieldPath.parse("list"))).apply(p));
    ObjectNode all = PayloadSelector.ALL.apply(p);
    all.put("a", 9);
    assertEquals(node("1"), p.get("a"), "a copy is handed out");
    assertTrue(PayloadSelector.NONE.apply(p) == null);
  }

  @Test
  void configsAndDistances() {
    assertEquals(Distance.EUCLID, Distance.parse("euclid"));
    assertEquals("Manhattan", Distance.MANHATTAN.qdrantName());
    assertEquals(0.75f, Distance.COSINE.score(0.25f));
    assertEquals(5f, Distance.EUCLID.score(25f));
    assertTrue(Distance.DOT.passes(0.5f, 0.5f) && !Distance.DOT.passes(0.4f, 0.5f));
    assertTrue(Distance.EUCLID.passes(0.5f, 0.5f) && !Distance.EUCLID.passes(0.6f, 0.5f));
    StoreException e = assertThrows(StoreException.class, () -> new CollectionConfig(0, Distance.DOT, 16, 100, 100));
    assertTrue(e.getMessage().contains("vectors.size must be in 1..65536, got 0"), e.getMessage());
    assertEquals(PayloadSchemaType.KEYWORD, PayloadSchemaType.parse("Keyword"));
  }
}
