package io.hnsw4j.cli.bench;

import io.hnsw4j.Funnel;
import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexStatistics;
import io.hnsw4j.NodeOrder;
import io.hnsw4j.OpenOptions;
import io.hnsw4j.Quantization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * hnsw4j searched from a saved file: the index is built on the heap, saved to a temporary file
 * with its nodes in some {@link NodeOrder}, and opened again, onto the heap ({@code
 * hnsw4j-saved}, {@code hnsw4j-gorder}) or memory-mapped ({@code hnsw4j-mmap}, {@code
 * hnsw4j-int8-gorder-mmap}). Mapped, the float vectors and the links live in the page cache and the
 * memory reported is the heap part (the int8, 4-bit or 1-bit codes or prefix copies, the ids): the bytes a JVM must
 * hold beside a file the operating system may page.
 */
public final class SavedHnsw4jLibrary implements AnnLibrary {
  private final Quantization quantization;
  private final Funnel funnel;
  private final boolean mapped;
  private final NodeOrder order;

  /**
   * The saved index with this traversal encoding and funnel ({@code hnsw4j-pca-128-mmap}: the
   * heap then holds the prefix copies).
   *
   * @param quantization the traversal encoding
   * @param funnel the funnel, or null
   * @param mapped open the file memory-mapped instead of onto the heap
   * @param order the order the nodes are saved in
   */
  public SavedHnsw4jLibrary(Quantization quantization, Funnel funnel, boolean mapped, NodeOrder order) {
    this.quantization = quantization;
    this.funnel = funnel;
    this.mapped = mapped;
    this.order = order;
  }

  @Override
  public String name() {
    String base = funnel != null
        ? Hnsw4jLibrary.funnelName(funnel)
        : quantization == Quantization.NONE ? "hnsw4j" : "hnsw4j-" + Hnsw4jLibrary.codeName(quantization);
    String layout = order == NodeOrder.GORDER ? "-gorder" : mapped ? "" : "-saved";
    return base + layout + (mapped ? "-mmap" : "");
  }

  @Override
  public BuiltIndex build(BuildRequest request) throws IOException {
    Path file = Files.createTempFile("hnsw4j-bench-", ".hnsw");
    try (HnswIndex built = Hnsw4jLibrary.buildIndex(request, quantization, funnel)) {
      built.save(file, order);
    }
    HnswIndex index;
    try {
      index = HnswIndex.open(file, mapped ? OpenOptions.MEMORY_MAPPED : OpenOptions.DEFAULT);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new BuiltIndex() {
      @Override
      public long memoryBytes() {
        IndexStatistics s = index.statistics();
        // Mapped, vectors and links are in the file; the rest (ids, traversal codes or prefix
        // copies) is counted as heap, which over-counts the id table a mapped open also maps.
        return mapped ? s.memoryBytes() - s.vectorBytes() - s.linkBytes() : s.memoryBytes();
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
