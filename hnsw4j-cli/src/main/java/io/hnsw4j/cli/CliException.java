package io.hnsw4j.cli;

/** A problem the user can fix, reported as one line with no stack trace. */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }
}
