package io.hnsw4j.format;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An index file that cannot be what it claims: truncated, damaged, foreign or newer. The facade
 * turns it into its public {@code CorruptIndexException}.
 */
public final class FormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String problem;

  FormatException(Path file, String problem) {
    this(file, problem, null);
  }

  FormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
    this.problem = problem;
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** What is wrong with it, without the file name. */
  public String problem() {
    return problem;
  }
}
