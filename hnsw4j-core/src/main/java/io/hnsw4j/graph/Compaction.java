package io.hnsw4j.graph;

import java.util.Arrays;

/**
 * Drops removed nodes from the graph for good (JVector's removeDeletedNodes), in an order that
 * keeps every live node reachable for the searches that run meanwhile:
 *
 * <ol>
 *   <li>the trees are rebuilt over live nodes only, rooted at the live node of the highest level,
 *       which then becomes the entry point (links are only added);
 *   <li>every live node that links to a removed one replaces that link by candidates from the
 *       removed node's own neighbours (two hops), re-selected with the heuristic and refilled to
 *       capacity (a strict re-selection thins out repaired neighbourhoods and cost recall on
 *       glove-100);
 *   <li>the removed nodes' lists are emptied and their slots marked free.
 * </ol>
 *
 * The caller keeps other writers out.
 */
final class Compaction {
  private final HeapGraph graph;
  private final NeighborSelector selector;
  private final SpanningTrees trees;

  Compaction(HeapGraph graph, NeighborSelector selector, SpanningTrees trees) {
    this.graph = graph;
    this.selector = selector;
    this.trees = trees;
  }

  /** Runs the three steps; returns the nodes freed. */
  int[] run(BuildWorkspace ws) {
    int nodes = graph.nodeCount();
    int root = liveRoot(nodes);
    if (root >= 0) {
      trees.rebuild(root, node -> !graph.isDeleted(node), ws);
      graph.setEntry(root, graph.level(root));
      for (int node = 0; node < nodes; node++) {
        if (!graph.isDeleted(node)) {
          for (int level = 0; level <= graph.level(node); level++) {
            replaceRemovedNeighbors(node, level, ws);
          }
        }
      }
    } else {
      graph.setEntry(-1, -1);
    }
    int[] freed = new int[nodes];
    int count = 0;
    for (int node = 0; node < nodes; node++) {
      if (graph.isDeleted(node) && !graph.isFree(node)) {
        graph.markFree(node);
        freed[count++] = node;
      }
    }
    return Arrays.copyOf(freed, count);
  }

  /** The current entry point if it is live, else the live node of the highest level; -1 if none. */
  private int liveRoot(int nodes) {
    int entry = graph.entryPoint();
    if (entry >= 0 && !graph.isDeleted(entry)) {
      return entry;
    }
    int best = -1;
    for (int node = 0; node < nodes; node++) {
      if (!graph.isDeleted(node) && (best < 0 || graph.level(node) > graph.level(best))) {
        best = node;
      }
    }
    return best;
  }

  private void replaceRemovedNeighbors(int node, int level, BuildWorkspace ws) {
    int max = graph.maxDegree(level);
    int[] buffer = new int[max];
    int count = graph.neighbors(node, level, buffer);
    boolean touched = false;
    for (int i = 0; i < count && !touched; i++) {
      touched = graph.isDeleted(buffer[i]);
    }
    if (!touched) {
      return;
    }
    int[] hop = new int[max];
    ws.list = BuildWorkspace.ensure(ws.list, count * (1 + max));
    int candidates = 0;
    for (int i = 0; i < count; i++) {
      int neighbor = buffer[i];
      if (!graph.isDeleted(neighbor)) {
        candidates = addUnique(ws.list, candidates, neighbor, node);
        continue;
      }
      int hops = graph.neighbors(neighbor, level, hop);
      for (int j = 0; j < hops; j++) {
        if (!graph.isDeleted(hop[j])) {
          candidates = addUnique(ws.list, candidates, hop[j], node);
        }
      }
    }
    synchronized (graph.lockFor(node)) {
      selector.writePruned(node, level, ws.list, candidates, ws, true);
    }
  }

  private static int addUnique(int[] list, int count, int value, int self) {
    if (value == self || GraphBuilder.contains(list, count, value)) {
      return count;
    }
    list[count] = value;
    return count + 1;
  }
}
