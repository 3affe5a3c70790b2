package io.hnsw4j;

import io.hnsw4j.format.FormatException;
import io.hnsw4j.format.HeapParts;
import io.hnsw4j.format.IndexFile;
import io.hnsw4j.format.MappedParts;
import io.hnsw4j.format.TraversalRecords;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens an index file as an {@link HnswIndex}: onto the heap or memory-mapped, the metric
 * resolved from the file and the options, the traversal copy read or computed, and a file's
 * damage reported as a {@link CorruptIndexException}.
 */
final class IndexOpening {
  private IndexOpening() {}

  /** See {@link HnswIndex#open(Path, OpenOptions)}; the arguments are checked. */
  static HnswIndex open(Path file, OpenOptions options) throws IOException {
    Metric[] metric = new Metric[1];
    IndexFile.MetricResolver resolver =
        stored -> ConfigMapping.vectorMetric(metric[0] = ConfigMapping.metric(file, stored, options.customMetric()));
    try {
      if (options.memoryMapped()) {
        MappedParts parts = IndexFile.map(file, options.verifyChecksum(), resolver);
        IndexConfig config = ConfigMapping.config(parts.config(), metric[0], parts.graph().nodeCount());
        try {
          return new HnswIndex(config, parts, TraversalCopies.open(config, parts));
        } catch (FormatException | RuntimeException e) {
          parts.mapping().close();
          throw e;
        }
      }
      HeapParts parts = IndexFile.readHeap(file, resolver);
      try (TraversalRecords codes = parts.codes()) { // copied into the traversal space, then freed
        IndexConfig config = ConfigMapping.config(parts.config(), metric[0], parts.nodeCount());
        return new HnswIndex(config, parts.vectors(), parts.graph(), parts.ids(), parts.nodeCount(), parts.removed(),
            TraversalCopies.open(config, parts));
      }
    } catch (FormatException e) {
      throw new CorruptIndexException(e.file(), e.problem(), e);
    }
  }
}
