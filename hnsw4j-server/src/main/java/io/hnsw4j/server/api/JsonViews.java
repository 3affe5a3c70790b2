package io.hnsw4j.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.server.http.Json;
import io.hnsw4j.store.RetrievedPoint;
import io.hnsw4j.store.ScoredPoint;
import io.hnsw4j.store.SnapshotInfo;
import io.hnsw4j.store.UpdateResult;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The store's results in Qdrant's JSON shapes (absent payloads and vectors are left out, as Qdrant leaves them out). */
final class JsonViews {
  /** Qdrant writes snapshot times without a zone; they are UTC. */
  private static final DateTimeFormatter SNAPSHOT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private JsonViews() {}

  static ObjectNode scored(ScoredPoint p) {
    ObjectNode out = Json.object();
    out.set("id", p.id().toJson());
    out.put("version", p.version());
    out.put("score", p.score());
    if (p.payload() != null) {
      out.set("payload", p.payload());
    }
    if (p.vector() != null) {
      out.set("vector", vector(p.vector()));
    }
    return out;
  }

  static ObjectNode record(RetrievedPoint p) {
    ObjectNode out = Json.object();
    out.set("id", p.id().toJson());
    if (p.payload() != null) {
      out.set("payload", p.payload());
    }
    if (p.vector() != null) {
      out.set("vector", vector(p.vector()));
    }
    return out;
  }

  static ArrayNode vector(float[] v) {
    ArrayNode out = Json.array();
    for (float x : v) {
      out.add(x);
    }
    return out;
  }

  static ObjectNode update(UpdateResult r) {
    ObjectNode out = Json.object();
    out.put("operation_id", r.operationId());
    out.put("status", r.status().name().toLowerCase(Locale.ROOT));
    return out;
  }

  static ObjectNode snapshot(SnapshotInfo s) {
    ObjectNode out = Json.object();
    out.put("name", s.name());
    out.put("creation_time", SNAPSHOT_TIME.format(s.creationTime()));
    out.put("size", s.size());
    out.put("checksum", s.checksum());
    return out;
  }
}
