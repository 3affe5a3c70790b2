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
   * Gorder (Wei et al., 2016) over layer 0, from the entry point: each next node the one that
   * shares most links and in-neighbours with the last five placed, so the nodes a search scores
   * together lie together; free slots come last. It paid for files searched memory-mapped (about
   * +8% QPS on 100k-vector sets, where the pages of the file are small), not for indexes opened
   * onto the heap. The save takes longer: a second copy of the links and about 2M x 2M steps per
   * node (2.5 s for 100k nodes, M 16).
   */
  GORDER
}
