package io.hnsw4j.format;

import io.hnsw4j.graph.GraphView;
import io.hnsw4j.vector.CentredCodes;
import io.hnsw4j.vector.TraversalSpace;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * The traversal records an index file holds (section 8), their count and checksum checked:
 * one record per node, and for codes around a centroid the centroid. Closing frees the copy that
 * a heap open read them into; those of a memory-mapped open live as long as the mapping.
 */
public final class TraversalRecords implements AutoCloseable {
  private final Path file;
  private final int format;
  private final int recordBytes;
  private final MemorySegment records;
  private final Arena arena;
  private final TraversalSection.Centroid centroid;

  TraversalRecords(
      Path file, int format, int recordBytes, MemorySegment records, Arena arena, TraversalSection.Centroid centroid) {
    this.file = file;
    this.format = format;
    this.recordBytes = recordBytes;
    this.records = records;
    this.arena = arena;
    this.centroid = centroid;
  }

  /**
   * Whether {@code space} stores records of the layout these have, with a centroid of the
   * version this library writes if any; when not (a layout this library does not know), the
   * caller encodes the vectors again instead.
   *
   * @param space the index's traversal space
   * @return true if {@link #loadInto} can fill it
   */
  public boolean fits(TraversalSpace space) {
    return space.recordFormat() != 0 && space.recordFormat() == format
        && (centroid == null || centroid.version() == TraversalSection.CENTROID_VERSION);
  }

  /**
   * Sets the record of every node but the free slots in {@code space}, which has room for them.
   *
   * @param space the index's traversal space, one that {@link #fits} these records
   * @param graph the file's graph, which says which nodes are free slots
   * @throws FormatException if the records are not the size the space's are, one is not a
   *     record the space could have written, or nodes are encoded without a centroid
   */
  public void loadInto(TraversalSpace space, GraphView graph) throws FormatException {
    if (space.recordBytes() != recordBytes) {
      throw new FormatException(
          file, "the traversal records are " + recordBytes + " bytes each, this index's are " + space.recordBytes());
    }
    int nodes = (int) (records.byteSize() / Math.max(recordBytes, 1));
    if (space instanceof CentredCodes centred) {
      fixCentroid(centred, graph, nodes);
    }
    for (int node = 0; node < nodes; node++) {
      if (graph.isFree(node)) {
        continue;
      }
      try {
        space.importRecord(node, records, (long) node * recordBytes);
      } catch (IllegalArgumentException e) {
        throw new FormatException(file, "the traversal record of node " + node + " is damaged: " + e.getMessage());
      }
    }
  }

  /**
   * Fixes the stored centroid before the records (which are of vectors minus it) are copied. An
   * index saved before it encoded anything has none: then every node must be a free slot.
   */
  private void fixCentroid(CentredCodes space, GraphView graph, int nodes) throws FormatException {
    if (centroid == null) {
      throw new FormatException(file, "the traversal records have no centroid after them");
    }
    float[] values = centroid.values();
    if (values.length > 0) {
      space.fixCentroid(values);
      return;
    }
    for (int node = 0; node < nodes; node++) {
      if (!graph.isFree(node)) {
        throw new FormatException(file, "the traversal record of node " + node + " has no centroid stored to read it by");
      }
    }
  }

  @Override
  public void close() {
    if (arena != null) {
      arena.close();
    }
  }
}
