package io.hnsw4j.vector;

import java.lang.foreign.MemorySegment;

/**
 * A compact second copy of the vectors that searches traverse the graph with, where the float
 * vectors rerank the shortlist: fewer bytes per hop, so fewer cache misses (the graph search of a
 * large index waits on memory, not on arithmetic). Writers fill a node's slot before it is
 * linked, as for the float vectors.
 */
public interface TraversalSpace {

  /** Makes room for nodes [0, nodes). Chunks already handed out never move. */
  void ensureCapacity(int nodes);

  /** Encodes the prepared (validated, normalised for cosine) vector of {@code node}. */
  void set(int node, float[] vector);

  /** An approximate scorer for a prepared query. */
  NodeScorer scorer(float[] query);

  /**
   * The scorers of one search, coarsest first: the first walks the graph, each later one reranks
   * the shortlist before the float vectors do (a funnel's longer prefixes). Just {@link
   * #scorer(float[])} by default.
   */
  default NodeScorer[] scorers(float[] query) {
    return new NodeScorer[] {scorer(query)};
  }

  /**
   * How many of a search's {@code candidates}, ordered by this space's distances, the float
   * vectors rerank to find the k nearest: all of them, unless the space orders candidates so
   * nearly as the floats do that the k nearest were found near the front in measurements.
   */
  default int rerankDepth(int k, int candidates) {
    return candidates;
  }

  /**
   * Bytes read to score one node on the traversal (its record; a funnel's shortest prefix); for a
   * space stored in index files ({@link #recordFormat()} not 0), the bytes of its stored record.
   */
  int recordBytes();

  /** Bytes held. */
  long memoryBytes();

  /**
   * The layout of this space's records in an index file, a number each kind of space keeps to
   * itself, or 0 when the space is not stored (it is computed again from the vectors at open).
   * A file whose records carry another number is computed again too.
   */
  default int recordFormat() {
    return 0;
  }

  /**
   * Copies the record of {@code node} (set before) into {@code dest[offset, offset +
   * recordBytes())}.
   *
   * @throws UnsupportedOperationException if the space is not stored
   */
  default void exportRecord(int node, byte[] dest, int offset) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " is not stored in index files");
  }

  /**
   * Sets the record of {@code node} from {@code recordBytes()} bytes at {@code offset} of {@code
   * source}, as {@link #exportRecord} wrote them; capacity for the node was made.
   *
   * @throws IllegalArgumentException naming the problem if the bytes cannot be such a record
   * @throws UnsupportedOperationException if the space is not stored
   */
  default void importRecord(int node, MemorySegment source, long offset) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " is not stored in index files");
  }
}
