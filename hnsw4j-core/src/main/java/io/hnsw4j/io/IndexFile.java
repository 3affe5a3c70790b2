package io.hnsw4j.io;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.OpenOptions;
import java.io.IOException;
import java.nio.file.Path;

/** Placeholder until the format lands. */
public final class IndexFile {
  private IndexFile() {}

  public static HnswIndex open(Path file, OpenOptions options) throws IOException {
    throw new IOException("not implemented");
  }

  public static void write(Path file, HnswIndex index) throws IOException {
    throw new IOException("not implemented");
  }
}
