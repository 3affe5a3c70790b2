package io.hnsw4j;

import java.util.List;

/**
 * A snapshot of an index's shape, for tuning and memory planning.
 *
 * @param size live vectors
 * @param nodes graph nodes, removed ones still in the graph included
 * @param removed nodes removed but still linked in the graph (until the next repair)
 * @param freeSlots slots of removed vectors already unlinked, waiting for reuse
 * @param entryPoint ordinal of the entry node, -1 when empty
 * @param levels one entry per layer, layer 0 first
 * @param memoryBytes bytes held by vectors, links, ids and bookkeeping
 * @param vectorBytes bytes of those that hold vectors
 * @param linkBytes bytes of those that hold neighbour lists
 */
public record IndexStatistics(
    int size,
    int nodes,
    int removed,
    int freeSlots,
    int entryPoint,
    List<Level> levels,
    long memoryBytes,
    long vectorBytes,
    long linkBytes) {

  /**
   * Nodes and out-degree on one layer.
   *
   * @param level the layer, 0 at the bottom
   * @param nodes nodes on it
   * @param minDegree fewest links of a node on it
   * @param meanDegree mean links per node on it
   * @param maxDegree most links of a node on it
   */
  public record Level(int level, int nodes, int minDegree, double meanDegree, int maxDegree) {}

  /**
   * Number of layers.
   *
   * @return top level + 1, 0 when empty
   */
  public int levelCount() {
    return levels.size();
  }
}
