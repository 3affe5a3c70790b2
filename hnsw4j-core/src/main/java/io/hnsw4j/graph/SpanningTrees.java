package io.hnsw4j.graph;

import io.hnsw4j.vector.NodeScorer;
import io.hnsw4j.vector.VectorSpace;
import java.util.Arrays;

/**
 * One spanning tree per layer, rooted at the entry point, that keeps every node reachable.
 *
 * <p>Pruning a full list with the heuristic can take a node's last in-link (a known HNSW trap,
 * severe for inner product, whose hubs crowd out everything else), and a node nobody links to can
 * never be found. So every node has, on each of its layers, a tree parent whose link to it is
 * pinned: {@link NeighborSelector#writePruned} never drops it. Following parents from any node
 * leads to the entry point, so every node is reachable from there, on every layer, whenever an
 * operation returns. Searches also start layer 0 from the entry point as well as from where the
 * greedy descent ends (see {@link GraphSearcher#descendToLayer0}).
 *
 * <p>A parent takes at most a quarter of its list in children ({@link #softCap}), so pins never
 * crowd out the heuristic's choices; new nodes hang from their nearest neighbour with room. Trees
 * found again after an open may give a hub more ({@link #rebuild}), up to {@link #hardCap}, rather
 * than change a saved link.
 */
final class SpanningTrees {
  private final HeapGraph graph;
  private final VectorSpace vectors;
  private final NeighborSelector selector;
  private final int efConstruction;

  SpanningTrees(HeapGraph graph, VectorSpace vectors, NeighborSelector selector, int efConstruction) {
    this.graph = graph;
    this.vectors = vectors;
    this.selector = selector;
    this.efConstruction = efConstruction;
  }

  /** Children a node takes when it is chosen as a parent. */
  static int softCap(int maxDegree) {
    return Math.max(1, maxDegree / 4);
  }

  /** Children a node may hold at most, so that one slot is always left to the heuristic. */
  static int hardCap(int maxDegree) {
    return Math.max(1, maxDegree - 1);
  }

  /** How many nodes in {@code parent}'s list on {@code level} have it as their tree parent. */
  int childCount(int parent, int level, int[] buffer) {
    int count = graph.neighbors(parent, level, buffer);
    int children = 0;
    for (int i = 0; i < count; i++) {
      if (graph.parent(buffer[i], level) == parent) {
        children++;
      }
    }
    return children;
  }

  /**
   * Hangs {@code child} from {@code parent} on {@code level}: the parent is recorded first, then
   * the parent's link to the child written (pinned, so a full list drops another). Returns false,
   * changing nothing, when the parent already holds as many children as it may.
   */
  boolean pin(int parent, int level, int child, boolean force, BuildWorkspace ws) {
    int max = graph.maxDegree(level);
    synchronized (graph.lockFor(parent)) {
      ws.list = BuildWorkspace.ensure(ws.list, max + 1);
      int count = graph.neighbors(parent, level, ws.list);
      if (!force) {
        int children = 0;
        for (int i = 0; i < count; i++) {
          if (ws.list[i] != child && graph.parent(ws.list[i], level) == parent) {
            children++;
          }
        }
        if (children >= hardCap(max)) {
          return false;
        }
      }
      graph.setParent(child, level, parent);
      if (!GraphBuilder.contains(ws.list, count, child)) {
        ws.list[count++] = child;
        selector.writePruned(parent, level, ws.list, count, ws);
      }
      return true;
    }
  }

  /**
   * Gives a newly linked node its tree parent on {@code level}: the nearest of its chosen
   * neighbours, then of its candidates, that has room for a child; failing those, the nearest
   * such node anywhere on the layer. Returns the parent.
   */
  int attachNear(int node, int level, int[] chosen, long[] candidates, BuildWorkspace ws) {
    int cap = softCap(graph.maxDegree(level));
    int[] buffer = new int[graph.maxDegree(level)];
    for (int c : chosen) {
      if (hasRoom(c, level, cap, buffer) && pin(c, level, node, false, ws)) {
        return c;
      }
    }
    for (long packed : candidates) {
      int c = NodeHeap.nodeOf(packed);
      if (hasRoom(c, level, cap, buffer) && pin(c, level, node, false, ws)) {
        return c;
      }
    }
    NodeFilter anyNode = n -> n != node && !graph.isFree(n);
    return attachAnywhere(node, level, n -> anyNode.accept(n) && hasRoom(n, level, cap, buffer), anyNode, ws);
  }

  private boolean hasRoom(int candidate, int level, int cap, int[] buffer) {
    return !graph.isFree(candidate) && childCount(candidate, level, buffer) < cap;
  }

  /**
   * Hangs {@code node} from the nearest node on {@code level} that {@code admissible} accepts,
   * found by a search of the layer (removed nodes included), else by a scan; if none has room,
   * from the nearest that {@code fallback} accepts, over its limit. Returns the parent.
   */
  private int attachAnywhere(int node, int level, NodeFilter admissible, NodeFilter fallback, BuildWorkspace ws) {
    NodeScorer scorer = vectors.scorerFor(node);
    for (long packed : searchLayer(scorer, level, admissible, ws)) {
      if (pin(NodeHeap.nodeOf(packed), level, node, false, ws)) {
        return NodeHeap.nodeOf(packed);
      }
    }
    // A scan, nearest first: only when nothing near the node on this layer has room.
    long[] sorted = scan(scorer, node, level, admissible);
    for (long packed : sorted) {
      if (pin(NodeHeap.nodeOf(packed), level, node, false, ws)) {
        return NodeHeap.nodeOf(packed);
      }
    }
    sorted = scan(scorer, node, level, fallback);
    if (sorted.length == 0) {
      throw new IllegalStateException("no node on level " + level + " can take node " + node);
    }
    int nearest = NodeHeap.nodeOf(sorted[0]);
    pin(nearest, level, node, true, ws);
    return nearest;
  }

  private long[] scan(NodeScorer scorer, int node, int level, NodeFilter accept) {
    int nodes = graph.nodeCount();
    long[] all = new long[nodes];
    int n = 0;
    for (int c = 0; c < nodes; c++) {
      if (c != node && !graph.isFree(c) && graph.level(c) >= level && accept.accept(c)) {
        all[n++] = NodeHeap.encode(scorer.score(c), c);
      }
    }
    Arrays.sort(all, 0, n);
    return Arrays.copyOf(all, n);
  }

  /** The nodes of {@code level} near the scorer's query that {@code accept} lets through. */
  private long[] searchLayer(NodeScorer scorer, int level, NodeFilter accept, BuildWorkspace ws) {
    GraphSearcher searcher = ws.searcher;
    long entry = graph.entry();
    int entryNode = (int) entry;
    long start = NodeHeap.encode(scorer.score(entryNode), entryNode);
    long landed = searcher.greedyDescent(graph, scorer, start, (int) (entry >>> 32), level);
    searcher.candidates().clear();
    searcher.candidates().pushPacked(landed);
    searcher.candidates().pushPacked(start);
    NodeHeap found = searcher.searchLayer(graph, scorer, efConstruction, level, accept);
    long[] out = new long[found.size()];
    found.drainAscending(out);
    return out;
  }

  /**
   * Makes {@code node}, which an insert just linked above the old top level, the root of every
   * tree: the old entry hangs from it on each old layer before it becomes the entry point, and
   * only then does the node let go of its own parents. No node is unreachable in between.
   */
  void reroot(int node, int level, int oldEntry, int oldTop, BuildWorkspace ws) {
    for (int l = 0; l <= oldTop; l++) {
      pin(node, l, oldEntry, true, ws);
    }
    graph.setEntry(node, level);
    for (int l = 0; l <= Math.min(level, oldTop); l++) {
      graph.setParent(node, l, -1);
    }
  }

  /**
   * Builds the trees again from scratch, rooted at {@code root}, over the nodes that {@code
   * member} accepts: breadth first along existing links (each node taking up to {@link #softCap}
   * children, those linked from the fewest lists first), then again over the nodes reached, a
   * parent now taking up to {@link #hardCap}, so that a node still linked from the tree hangs from
   * that link; only a member no link reaches is hung from its nearest reached node with room,
   * links added. So the trees of a graph that was whole when saved come back without a link
   * changed (hubs, frequent under inner product, may hold more than a quarter of their list in
   * children), and an open gives the answers of the index that was saved. Adds links but never
   * removes one that a member needs. The caller keeps writers out; searches may run.
   */
  void rebuild(int root, NodeFilter member, BuildWorkspace ws) {
    for (int node = 0; node < graph.nodeCount(); node++) {
      if (!member.accept(node)) {
        for (int level = 0; level <= graph.level(node); level++) {
          graph.setParent(node, level, -1); // no stale pin keeps a non-member in a list
        }
      }
    }
    for (int level = 0; level <= graph.level(root); level++) {
      rebuildLayer(root, level, member, ws);
    }
  }

  private void rebuildLayer(int root, int level, NodeFilter member, BuildWorkspace ws) {
    int nodes = graph.nodeCount();
    int max = graph.maxDegree(level);
    int cap = softCap(max);
    boolean[] reached = new boolean[nodes];
    int[] children = new int[nodes];
    int[] queue = new int[nodes];
    int[] buffer = new int[max];
    int[] inLinks = inLinks(level, member, buffer);
    graph.setParent(root, level, -1);
    reached[root] = true;
    queue[0] = root;
    int tail = spread(level, member, reached, children, queue, 0, 1, cap, buffer, inLinks);
    tail = spread(level, member, reached, children, queue, 0, tail, hardCap(max), buffer, inLinks);
    for (int node = 0; node < nodes; node++) {
      if (reached[node] || !member.accept(node) || graph.level(node) < level) {
        continue;
      }
      int parent = attachAnywhere(node, level, n -> reached[n] && children[n] < cap, n -> reached[n], ws);
      children[parent]++;
      reached[node] = true;
      queue[tail] = node;
      tail = spread(level, member, reached, children, queue, tail, tail + 1, cap, buffer, inLinks);
    }
  }

  /** How many member lists on {@code level} link to each node. */
  private int[] inLinks(int level, NodeFilter member, int[] buffer) {
    int[] inLinks = new int[graph.nodeCount()];
    for (int node = 0; node < inLinks.length; node++) {
      if (member.accept(node) && graph.level(node) >= level) {
        int count = graph.neighbors(node, level, buffer);
        for (int i = 0; i < count; i++) {
          inLinks[buffer[i]]++;
        }
      }
    }
    return inLinks;
  }

  /**
   * Breadth first from the nodes {@code queue[head..tail)}: unreached members found along links
   * become children of a node with fewer than {@code cap}. A parent with room for only some of
   * them takes those linked from the fewest lists first: a node with one in-link has no other
   * parent to wait for. Returns the new end of the queue.
   */
  private int spread(
      int level, NodeFilter member, boolean[] reached, int[] children, int[] queue, int head, int tail,
      int cap, int[] buffer, int[] inLinks) {
    while (head < tail) {
      int from = queue[head++];
      int count = graph.neighbors(from, level, buffer);
      int open = 0;
      for (int i = 0; i < count; i++) {
        int next = buffer[i];
        if (!reached[next] && member.accept(next) && graph.level(next) >= level) {
          buffer[open++] = next;
        }
      }
      sortByInLinks(buffer, open, inLinks);
      for (int i = 0; i < open && children[from] < cap; i++) {
        int next = buffer[i];
        reached[next] = true;
        children[from]++;
        graph.setParent(next, level, from);
        queue[tail++] = next;
      }
    }
    return tail;
  }

  /** Insertion sort of a short list by in-link count, ties in list order. */
  private static void sortByInLinks(int[] nodes, int count, int[] inLinks) {
    for (int i = 1; i < count; i++) {
      int node = nodes[i];
      int j = i - 1;
      while (j >= 0 && inLinks[nodes[j]] > inLinks[node]) {
        nodes[j + 1] = nodes[j];
        j--;
      }
      nodes[j + 1] = node;
    }
  }
}
