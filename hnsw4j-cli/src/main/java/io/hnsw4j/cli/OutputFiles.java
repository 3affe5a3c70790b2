package io.hnsw4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks where a command will write before it reads any input, so that a wrong output path fails
 * at once and names the path the user gave, not after a long build and not by a temporary file.
 */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * Fails unless {@code file} can be created or replaced: it is not a directory, and its directory
   * exists, is a directory and is writable (saves go through a temporary file beside it).
   *
   * @param option the option that named the file, for the message
   */
  static void checkWritable(String option, Path file) {
    if (Files.isDirectory(file)) {
      throw new CliException(option + " " + file + " is a directory; give the path of a file");
    }
    Path dir = file.toAbsolutePath().getParent();
    String shown = file.getParent() != null ? file.getParent().toString() : "the current directory";
    if (!Files.exists(dir)) {
      throw new CliException("cannot write " + file + ": " + shown + " does not exist");
    } else if (!Files.isDirectory(dir)) {
      throw new CliException("cannot write " + file + ": " + shown + " is not a directory");
    } else if (!Files.isWritable(dir)) {
      throw new CliException("cannot write " + file + ": " + shown + " is not writable");
    }
  }
}
