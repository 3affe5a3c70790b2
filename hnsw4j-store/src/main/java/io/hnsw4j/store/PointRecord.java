package io.hnsw4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.model.PointId;

/**
 * A live point's id, payload and version. Never changed once published: an update publishes a
 * new record, so a reader that holds one sees one consistent payload. The payload is never
 * handed out; readers get copies.
 */
record PointRecord(PointId id, ObjectNode payload, long version) {}
