package io.hnsw4j.vector;

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

  /** Bytes read to score one node on the traversal (its record; a funnel's shortest prefix). */
  int recordBytes();

  /** Bytes held. */
  long memoryBytes();
}
