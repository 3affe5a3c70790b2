package io.hnsw4j.store.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A point to store: its id, its vector and its payload (null means an empty payload). An upsert
 * replaces the whole point. The store copies both arrays and payloads it is given.
 */
public record Point(PointId id, float[] vector, ObjectNode payload) {}
