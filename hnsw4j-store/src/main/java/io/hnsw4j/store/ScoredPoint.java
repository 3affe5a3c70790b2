package io.hnsw4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.model.PointId;

/**
 * One search hit: the point's id, its version (the sequence number of the last operation that
 * changed it), its score (see {@link io.hnsw4j.store.model.Distance}), and its payload and
 * vector when asked for (null otherwise). The payload and vector are the caller's copies.
 */
public record ScoredPoint(PointId id, long version, float score, ObjectNode payload, float[] vector) {}
