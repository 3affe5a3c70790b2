package io.hnsw4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.model.PointId;

/**
 * A point read by id or by scroll: its id, and its payload and vector when asked for (null
 * otherwise; a cosine collection returns its vectors normalised, as Qdrant does). The payload and
 * vector are the caller's copies.
 */
public record RetrievedPoint(PointId id, ObjectNode payload, float[] vector) {}
