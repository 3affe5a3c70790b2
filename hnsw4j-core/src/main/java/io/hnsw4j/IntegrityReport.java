package io.hnsw4j;

import java.util.List;

/**
 * What {@link HnswIndex#checkIntegrity()} found: the graph's invariants (no self or duplicate
 * links, degrees within their limits, links only to nodes on that layer, a valid entry point on
 * the top layer, every live vector reachable from it) and the id map's agreement with the graph.
 *
 * @param nodes ordinals in use (live, removed and free slots)
 * @param liveVectors live vectors
 * @param reachableLiveVectors live vectors reachable on layer 0 from the entry point
 * @param problems the first problems found, each naming the node or id
 * @param problemCount how many problems were found in all
 */
public record IntegrityReport(
    int nodes, int liveVectors, int reachableLiveVectors, List<String> problems, int problemCount) {

  /** Copies the list. */
  public IntegrityReport {
    problems = List.copyOf(problems);
  }

  /**
   * Whether nothing is wrong.
   *
   * @return true for a sound index
   */
  public boolean ok() {
    return problemCount == 0;
  }

  /** One line: "graph OK: ..." or the count and the problems. */
  @Override
  public String toString() {
    return ok()
        ? "graph OK: " + nodes + " nodes, " + liveVectors + " live, all reachable"
        : problemCount + " problem(s) in " + nodes + " nodes: " + String.join("; ", problems);
  }
}
