package io.hnsw4j.store;

import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.PayloadSchemaType;
import java.time.Instant;
import java.util.Map;

/**
 * What a collection holds (Qdrant's collection info, plus durability figures for metrics).
 *
 * @param status GREEN when healthy; RED after a failure that stops writes (the collection must be reopened)
 * @param pointsCount live points
 * @param indexedVectorsCount vectors in the graph index (equal to the points)
 * @param config the collection's parameters
 * @param payloadSchema indexed keys: their type and how many points hold values of it
 * @param lastOperationId sequence number of the last write accepted into the log
 * @param walBytes bytes in the write-ahead log since the last checkpoint
 * @param walFsyncs fsyncs of the log since the collection was opened (group commit makes them
 *     fewer than the writes when writers overlap)
 * @param lastCheckpoint when the last checkpoint was committed (null: none yet)
 */
public record CollectionInfo(
    Status status,
    long pointsCount,
    long indexedVectorsCount,
    CollectionConfig config,
    Map<String, PayloadIndexInfo> payloadSchema,
    long lastOperationId,
    long walBytes,
    long walFsyncs,
    Instant lastCheckpoint) {

  public CollectionInfo {
    payloadSchema = Map.copyOf(payloadSchema);
  }

  public enum Status {
    GREEN,
    RED
  }

  /** One entry of the payload schema: the index type and the points holding such values. */
  public record PayloadIndexInfo(PayloadSchemaType type, long points) {}
}
