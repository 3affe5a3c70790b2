package io.hnsw4j.server.http;

/** What a route needs from the caller's key. */
public enum Access {
  /** No key needed: {@code /}, {@code /healthz}, {@code /readyz}, {@code /livez} (as in Qdrant). */
  OPEN,
  /** The read-only key or the full key: reads, searches, counts, listings, metrics. */
  READ,
  /** The full key: everything that changes data. */
  WRITE
}
