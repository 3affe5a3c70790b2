package io.hnsw4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
  @TempDir Path dir;

  @Test
  void upsertSearchReopen() throws Exception {
    ObjectMapper json = new ObjectMapper();
    try (Database db = Database.open(dir)) {
      Collection c = db.create("c", CollectionConfig.of(2, Distance.EUCLID));
      c.upsert(List.of(new Point(PointId.of(1), new float[] {0, 0}, (ObjectNode) json.readTree("{\"a\":1}")),
          new Point(PointId.of(2), new float[] {3, 4}, null)), true);
      List<ScoredPoint> hits = c.search(SearchRequest.builder(new float[] {0, 0}).limit(2).build());
      assertEquals(2, hits.size());
      assertEquals(5f, hits.get(1).score(), 1e-6);
    }
    try (Database db = Database.open(dir)) {
      assertEquals(2, db.get("c").count(null, true));
    }
  }
}
