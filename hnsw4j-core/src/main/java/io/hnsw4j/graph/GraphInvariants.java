package io.hnsw4j.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the structure of a graph: no self-links, no duplicate links, links only to existing
 * nodes present on that layer, degrees within Mmax (upper layers) and Mmax0 (layer 0), a valid
 * entry point on the top layer, every live node reachable from the entry point on layer 0, and
 * every node reachable on each upper layer it is on. For a graph that keeps spanning trees
 * ({@link HeapGraph}), also that every tree parent exists, is on the layer, links to its child and
 * leads to the entry point. Run it on a quiescent graph (no concurrent adds).
 */
public final class GraphInvariants {
  private static final int MAX_REPORTED = 20;

  private GraphInvariants() {}

  /** The result of a check: {@code problems} is empty for a sound graph. */
  public record Report(int nodes, int liveNodes, int reachableLiveNodes, List<String> problems, int problemCount) {
    public boolean ok() {
      return problemCount == 0;
    }

    @Override
    public String toString() {
      return ok()
          ? "graph OK: " + nodes + " nodes, " + liveNodes + " live, all reachable"
          : problemCount + " problem(s) in " + nodes + " nodes: " + String.join("; ", problems);
    }
  }

  public static Report check(GraphView graph) {
    List<String> problems = new ArrayList<>();
    int[] problemCount = {0};
    int nodes = graph.nodeCount();
    int entry = graph.entryPoint();
    int top = graph.maxLevel();
    int live = 0;
    for (int node = 0; node < nodes; node++) {
      if (!graph.isDeleted(node)) {
        live++;
      }
    }
    if (nodes > 0 && live > 0 && entry < 0) {
      report(problems, problemCount, "no entry point in a graph of " + nodes + " nodes");
    }
    if (entry >= nodes) {
      report(problems, problemCount, "entry point " + entry + " is not a node (nodes: " + nodes + ")");
      entry = -1;
    }
    if (entry >= 0 && graph.level(entry) != top) {
      report(problems, problemCount, "entry point " + entry + " has level " + graph.level(entry) + " but the top level is " + top);
    }
    int[] buffer = new int[Math.max(graph.maxDegree(0), graph.maxDegree(1))];
    for (int node = 0; node < nodes; node++) {
      if (graph.isFree(node)) {
        if (graph.neighbors(node, 0, buffer) != 0) {
          report(problems, problemCount, "free slot " + node + " still has links");
        }
        continue;
      }
      int level = graph.level(node);
      if (level > top) {
        report(problems, problemCount, "node " + node + " has level " + level + " above the top level " + top);
      }
      for (int l = 0; l <= Math.min(level, top); l++) {
        int count = graph.neighbors(node, l, buffer);
        if (count > graph.maxDegree(l)) {
          report(problems, problemCount, "node " + node + " has " + count + " links on level " + l + ", more than " + graph.maxDegree(l));
          count = graph.maxDegree(l);
        }
        for (int i = 0; i < count; i++) {
          int target = buffer[i];
          if (target == node) {
            report(problems, problemCount, "node " + node + " links to itself on level " + l);
          } else if (target < 0 || target >= nodes) {
            report(problems, problemCount, "node " + node + " links to non-node " + target + " on level " + l);
          } else if (graph.isFree(target)) {
            report(problems, problemCount, "node " + node + " links to free slot " + target + " on level " + l);
          } else if (graph.level(target) < l) {
            report(problems, problemCount, "node " + node + " links on level " + l + " to node " + target + " of level " + graph.level(target));
          }
          for (int j = 0; j < i; j++) {
            if (buffer[j] == target) {
              report(problems, problemCount, "node " + node + " links twice to " + target + " on level " + l);
              break;
            }
          }
        }
      }
    }
    int reachable = live - unreachableLive(graph).length;
    if (reachable < live) {
      report(problems, problemCount, (live - reachable) + " live node(s) unreachable from the entry point on level 0");
    }
    for (int level = 1; level <= top && entry >= 0; level++) {
      int missing = unreachableOnLayer(graph, level);
      if (missing > 0) {
        report(problems, problemCount, missing + " node(s) unreachable from the entry point on level " + level);
      }
    }
    if (graph instanceof HeapGraph heap && entry >= 0) {
      checkTrees(heap, entry, top, buffer, problems, problemCount);
    }
    return new Report(nodes, live, reachable, List.copyOf(problems), problemCount[0]);
  }

  /** Tree parents: present, on the layer, linking to the child, and leading to the entry point. */
  private static void checkTrees(
      HeapGraph graph, int entry, int top, int[] buffer, List<String> problems, int[] problemCount) {
    int nodes = graph.nodeCount();
    for (int level = 0; level <= top; level++) {
      // 1: its parents lead to the entry point; 2: they do not (a cycle or a bad parent).
      byte[] leads = new byte[nodes];
      leads[entry] = 1;
      int[] path = new int[nodes];
      for (int node = 0; node < nodes; node++) {
        if (graph.isFree(node) || graph.level(node) < level) {
          continue;
        }
        int parent = graph.parent(node, level);
        if (node == entry) {
          if (parent != -1) {
            report(problems, problemCount, "the entry point has tree parent " + parent + " on level " + level);
          }
          continue;
        }
        if (parent < 0 || parent >= nodes || graph.isFree(parent) || graph.level(parent) < level) {
          report(problems, problemCount, "node " + node + " has no valid tree parent on level " + level + " (" + parent + ")");
          leads[node] = 2;
          continue;
        }
        int count = graph.neighbors(parent, level, buffer);
        boolean linked = false;
        for (int i = 0; i < count && !linked; i++) {
          linked = buffer[i] == node;
        }
        if (!linked) {
          report(problems, problemCount, "tree parent " + parent + " does not link to node " + node + " on level " + level);
        }
        if (resolve(graph, level, node, leads, path) != 1) {
          report(problems, problemCount, "the tree parents of node " + node + " on level " + level + " do not lead to the entry point");
        }
      }
    }
  }

  /** Walks up the parents until a node of known outcome, then marks the whole path with it. */
  private static byte resolve(HeapGraph graph, int level, int node, byte[] leads, int[] path) {
    int length = 0;
    int at = node;
    byte outcome;
    while (true) {
      if (leads[at] != 0) {
        outcome = leads[at] == 3 ? 2 : leads[at]; // 3: on this walk already, so a cycle
        break;
      }
      leads[at] = 3;
      path[length++] = at;
      int parent = graph.parent(at, level);
      if (parent < 0 || parent >= leads.length || graph.isFree(parent) || graph.level(parent) < level) {
        outcome = 2;
        break;
      }
      at = parent;
    }
    for (int i = 0; i < length; i++) {
      leads[path[i]] = outcome;
    }
    return outcome;
  }

  /** Nodes on {@code level} (free slots aside) not reachable on it from the entry point. */
  private static int unreachableOnLayer(GraphView graph, int level) {
    int nodes = graph.nodeCount();
    int entry = graph.entryPoint();
    boolean[] seen = new boolean[nodes];
    int[] buffer = new int[graph.maxDegree(level)];
    int[] queue = new int[nodes];
    int tail = 0;
    queue[tail++] = entry;
    seen[entry] = true;
    for (int head = 0; head < tail; head++) {
      int count = Math.min(graph.neighbors(queue[head], level, buffer), buffer.length);
      for (int i = 0; i < count; i++) {
        int next = buffer[i];
        if (next >= 0 && next < nodes && !seen[next] && graph.level(next) >= level) {
          seen[next] = true;
          queue[tail++] = next;
        }
      }
    }
    int missing = 0;
    for (int node = 0; node < nodes; node++) {
      if (!seen[node] && !graph.isFree(node) && graph.level(node) >= level) {
        missing++;
      }
    }
    return missing;
  }

  /** Live nodes not reachable on layer 0 from the entry point. */
  public static int[] unreachableLive(GraphView graph) {
    boolean[] reached = reachedOnLayer0(graph);
    int[] out = new int[reached.length];
    int n = 0;
    for (int node = 0; node < reached.length; node++) {
      if (!reached[node] && !graph.isDeleted(node)) {
        out[n++] = node;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Breadth-first walk of layer 0 from the entry point. */
  private static boolean[] reachedOnLayer0(GraphView graph) {
    int nodes = graph.nodeCount();
    boolean[] seen = new boolean[nodes];
    int entry = graph.entryPoint();
    if (entry < 0 || entry >= nodes) {
      return seen;
    }
    int[] buffer = new int[graph.maxDegree(0)];
    int[] queue = new int[nodes];
    int head = 0;
    int tail = 0;
    queue[tail++] = entry;
    seen[entry] = true;
    while (head < tail) {
      int count = Math.min(graph.neighbors(queue[head++], 0, buffer), graph.maxDegree(0));
      for (int i = 0; i < count; i++) {
        int next = buffer[i];
        if (next >= 0 && next < nodes && !seen[next]) {
          seen[next] = true;
          queue[tail++] = next;
        }
      }
    }
    return seen;
  }

  private static void report(List<String> problems, int[] count, String problem) {
    if (count[0]++ < MAX_REPORTED) {
      problems.add(problem);
    }
  }
}
