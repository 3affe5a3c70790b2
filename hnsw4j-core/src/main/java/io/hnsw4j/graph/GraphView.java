package io.hnsw4j.graph;

/**
 * Read access to a layered graph: what a search needs, whatever holds the links (heap arrays or a
 * mapped file). Nodes are dense ordinals in [0, nodeCount()).
 */
public interface GraphView {

  /** Ordinals handed out so far (live, removed and free slots). */
  int nodeCount();

  /** The entry node, or -1 when the graph is empty. */
  int entryPoint();

  /** Top layer of the graph, or -1 when empty. */
  int maxLevel();

  /**
   * Entry node and top level read together, as {@code (level << 32) | node}, or -1 when empty. A
   * graph that changes must read both at once, so that a search never descends from a level its
   * entry does not have.
   */
  default long entry() {
    int node = entryPoint();
    return node < 0 ? -1L : ((long) maxLevel() << 32) | node;
  }

  /** Top layer of {@code node}. */
  int level(int node);

  /** Whether {@code node} was removed: still traversed, never returned. */
  boolean isDeleted(int node);

  /** Whether {@code node} is a free slot: removed and already unlinked from the graph. */
  default boolean isFree(int node) {
    return false;
  }

  /**
   * Copies the neighbours of {@code node} on {@code level} into {@code dest} (at least {@link
   * #maxDegree(int)} long) and returns how many there are.
   */
  int neighbors(int node, int level, int[] dest);

  /**
   * A search's step: marks each neighbour of {@code node} on {@code level} visited and writes
   * those not visited before into {@code dest} from index {@code at}; returns the index after the
   * last one written. {@code dest} needs room for the whole list after {@code at}: entries past the
   * returned index may be overwritten. Graphs that hold their links override it to read the list
   * once, where a copy and then a filter read it twice.
   */
  default int unvisitedNeighbors(int node, int level, VisitedSet visited, int[] dest, int at) {
    int[] scratch = new int[maxDegree(level)];
    int count = neighbors(node, level, scratch);
    for (int i = 0; i < count; i++) {
      if (visited.visit(scratch[i])) {
        dest[at++] = scratch[i];
      }
    }
    return at;
  }

  /**
   * A hint that the search will soon read the list of {@code node} on {@code level}: reads the
   * start of it and returns what it read, so that the list's cache miss overlaps other work. The
   * result means nothing; callers keep it only so that the read is not dropped.
   */
  default int prefetchLinks(int node, int level) {
    return 0;
  }

  /** Bytes held by links and per-node info (on the heap, or mapped). */
  long memoryBytes();

  /** Most neighbours a node may have on {@code level}: 2M on layer 0, M above. */
  int maxDegree(int level);
}
