package io.hnsw4j.store;

/**
 * The answer to a write: its operation id (its sequence number in the write-ahead log) and
 * whether it has been applied ({@code COMPLETED}) or only made durable in the log
 * ({@code ACKNOWLEDGED}, for writes that did not ask to wait; they are applied shortly after).
 */
public record UpdateResult(long operationId, Status status) {
  public enum Status {
    ACKNOWLEDGED,
    COMPLETED
  }
}
