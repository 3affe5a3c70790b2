package io.hnsw4j;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An index file that cannot be read: truncated, damaged (checksum mismatch), not an hnsw4j file,
 * or written by a newer format version. The message names the file and the problem.
 */
public class CorruptIndexException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception for one file.
   *
   * @param file the file
   * @param problem what is wrong with it
   */
  public CorruptIndexException(Path file, String problem) {
    super(file + ": " + problem);
  }

  /**
   * An exception for one file, with the problem found below.
   *
   * @param file the file
   * @param problem what is wrong with it
   * @param cause the exception that found it
   */
  public CorruptIndexException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
