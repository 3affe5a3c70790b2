package io.hnsw4j.store;

import java.time.Instant;

/** A snapshot file: its name, when it was made, its size in bytes and its SHA-256 (hex). */
public record SnapshotInfo(String name, Instant creationTime, long size, String checksum) {}
