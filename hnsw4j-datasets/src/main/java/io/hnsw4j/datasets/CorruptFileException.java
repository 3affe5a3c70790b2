package io.hnsw4j.datasets;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be what its format says it is: truncated, inconsistent, or with a header that
 * makes no sense. The message names the file, where the problem is and what it is.
 */
public class CorruptFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Not serialized: {@link Path} is not serializable. */
  private final transient Path file;
  /** The zero-based record (vector) index, or -1 for a header problem. */
  private final long record;
  /** The byte offset in the (decompressed) stream, or -1 when unknown. */
  private final long offset;

  /**
   * Creates the exception.
   *
   * @param file the file being read
   * @param record the zero-based record (vector) index, or -1 when the problem is in the header
   * @param offset the byte offset in the (decompressed) stream where the problem was found, or -1
   * @param problem what is wrong
   */
  public CorruptFileException(Path file, long record, long offset, String problem) {
    super(describe(file, record, offset, problem));
    this.file = file;
    this.record = record;
    this.offset = offset;
  }

  private static String describe(Path file, long record, long offset, String problem) {
    StringBuilder sb = new StringBuilder().append(file).append(": ");
    sb.append(record < 0 ? "header" : "record " + record);
    if (offset >= 0) {
      sb.append(" at byte offset ").append(offset);
    }
    return sb.append(": ").append(problem).toString();
  }

  /** {@return the file being read, or null after deserialization} */
  public Path file() {
    return file;
  }

  /** {@return the zero-based record index, or -1 for a header problem} */
  public long record() {
    return record;
  }

  /** {@return the byte offset where the problem was found, or -1 when unknown} */
  public long offset() {
    return offset;
  }
}
