package io.hnsw4j;

/**
 * How {@link HnswIndex#save(java.nio.file.Path, NodeOrder)} lays out the nodes of an index in its
 * file, and so in memory once the file is opened. Ids, vectors, links and answers are the same
 * either way; only where each node sits changes.
 */
public enum NodeOrder {
  /** Where the nodes are now: the order they were added in, reused slots where they were. */
  AS_BUILT,
  /**
   * Breadth-first over layer 0 from the entry point: the nodes a search expands one after another,
   * and a node's neighbours, lie near each other in memory. Nodes no link reaches follow, free
   * slots come last.
   */
  BREADTH_FIRST,
  /**
   * Gorder (Wei et al., 2016) over layer 0: each next node the one that shares most links and
   * in-neighbours with the last five placed, so the nodes a search scores together lie together.
   * Slower to save than {@link #BREADTH_FIRST} (a second copy of the links and about 2M x 2M
   * steps per node).
   */
  GORDER
}
