package io.hnsw4j.cli.bench;

import io.hnsw4j.Funnel;
import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexStatistics;
import io.hnsw4j.OpenOptions;
import io.hnsw4j.Quantization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * hnsw4j searched from a memory-mapped file ({@code hnsw4j-mmap}, {@code hnsw4j-int8-mmap}, {@code
 * hnsw4j-bit-mmap}): the
 * index is built on the heap, saved to a temporary file and opened with {@link
 * OpenOptions#MEMORY_MAPPED}, so the float vectors and the links live in the page cache and the
 * heap holds only what the open computes (the int8 or 1-bit traversal codes). The memory it reports is
 * that heap part: the bytes a JVM must hold beside a file the operating system may page.
 */
public final class MappedHnsw4jLibrary implements AnnLibrary {
  private final Quantization quantization;
  private final Funnel funnel;

  /** The mapped index with this traversal encoding. */
  public MappedHnsw4jLibrary(Quantization quantization) {
    this(quantization, null);
  }

  /**
   * The mapped index with this traversal encoding and funnel ({@code hnsw4j-pca-128-mmap}: the
   * heap then holds the prefix copies).
   */
  public MappedHnsw4jLibrary(Quantization quantization, Funnel funnel) {
    this.quantization = quantization;
    this.funnel = funnel;
  }

  @Override
  public String name() {
    if (funnel != null) {
      return Hnsw4jLibrary.funnelName(funnel) + "-mmap";
    }
    return quantization == Quantization.NONE
        ? "hnsw4j-mmap"
        : "hnsw4j-" + Hnsw4jLibrary.codeName(quantization) + "-mmap";
  }

  @Override
  public BuiltIndex build(BuildRequest request) throws IOException {
    Path file = Files.createTempFile("hnsw4j-bench-", ".hnsw");
    try (HnswIndex built = Hnsw4jLibrary.buildIndex(request, quantization, funnel)) {
      built.save(file);
    }
    HnswIndex index;
    try {
      index = HnswIndex.open(file, OpenOptions.MEMORY_MAPPED);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new BuiltIndex() {
      @Override
      public long memoryBytes() {
        IndexStatistics s = index.statistics();
        // Vectors and links are mapped; the rest (ids, traversal codes or prefix copies) is counted
        // as heap, which
        // over-counts the id table a mapped open also maps.
        return s.memoryBytes() - s.vectorBytes() - s.linkBytes();
      }

      @Override
      public Searcher searcher() {
        return Hnsw4jLibrary.searcher(index);
      }

      @Override
      public void close() {
        index.close();
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete " + file, e);
        }
      }
    };
  }
}
