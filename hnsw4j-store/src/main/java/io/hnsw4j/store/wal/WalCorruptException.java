package io.hnsw4j.store.wal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A write-ahead log that cannot be replayed: a record in the middle of the log fails its checksum,
 * or sequence numbers skip. Names the file and the byte offset.
 */
public final class WalCorruptException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;

  public WalCorruptException(Path file, long offset, String problem) {
    super(file + " at offset " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
  }

  public Path file() {
    return file;
  }

  public long offset() {
    return offset;
  }
}
