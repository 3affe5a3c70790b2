package io.hnsw4j.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Damage for tests: one byte of a file changed in place. */
public final class TestFiles {
  private TestFiles() {}

  /** Flips some bits of the byte at {@code offset}; flipping it again restores the file. */
  public static void flip(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x5A);
    }
  }
}
