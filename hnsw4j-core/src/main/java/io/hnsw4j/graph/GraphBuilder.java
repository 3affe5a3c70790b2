package io.hnsw4j.graph;

import io.hnsw4j.vector.NodeScorer;
import io.hnsw4j.vector.VectorSpace;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Inserts nodes into a {@link HeapGraph}: the paper's Algorithm 1 (INSERT) with the neighbour
 * selection heuristic of Algorithm 4, used both for the new node and for pruning a neighbour's
 * overflowing list. Safe to call from many threads at once; each thread passes its own {@link
 * Workspace}.
 */
public final class GraphBuilder {
  private final HeapGraph graph;
  private final VectorSpace vectors;
  private final int efConstruction;
  private final double levelMultiplier;
  private final boolean extendCandidates;
  private final boolean keepPrunedConnections;
  private final SplittableRandom levelRandom;
  /** Held by an insert that raises the top level, for its whole duration (as in hnswlib). */
  private final ReentrantLock topLevelLock = new ReentrantLock();

  public GraphBuilder(HeapGraph graph, VectorSpace vectors, BuildParams params) {
    this.graph = graph;
    this.vectors = vectors;
    this.efConstruction = params.efConstruction();
    this.levelMultiplier = params.levelMultiplier();
    this.extendCandidates = params.extendCandidates();
    this.keepPrunedConnections = params.keepPrunedConnections();
    this.levelRandom = new SplittableRandom(params.seed());
  }

  /** Per-thread scratch for inserts. */
  public static final class Workspace {
    final GraphSearcher searcher;
    long[] candidates = new long[64];
    int[] selected = new int[64];
    int[] list = new int[64];
    long[] discarded = new long[64];

    public Workspace(GraphSearcher searcher) {
      this.searcher = searcher;
    }

    public GraphSearcher searcher() {
      return searcher;
    }
  }

  /** Draws a level: floor(-ln(U) * mL) with U in (0, 1]. */
  public int randomLevel() {
    double u;
    synchronized (levelRandom) {
      u = 1.0 - levelRandom.nextDouble(); // (0, 1]: U = 0 would give an infinite level
    }
    return (int) Math.min(HeapGraph.MAX_LEVEL, Math.floor(-Math.log(u) * levelMultiplier));
  }

  /**
   * Links {@code node} (vector already stored) into the graph at {@code level}. {@code exclude}
   * rejects nodes that must not become neighbours (removed ones); null accepts all.
   */
  public void insert(int node, int level, NodeFilter exclude, Workspace ws) {
    graph.initNode(node, level);
    long entry = graph.entry();
    boolean raising = entry < 0 || level > (int) (entry >>> 32);
    if (raising) {
      topLevelLock.lock();
      entry = graph.entry();
      if (entry >= 0 && level <= (int) (entry >>> 32)) {
        topLevelLock.unlock();
        raising = false;
      }
    }
    try {
      if (entry < 0) {
        graph.setEntry(node, level);
        return;
      }
      link(node, level, (int) entry, (int) (entry >>> 32), exclude, ws);
      if (raising) {
        graph.setEntry(node, level);
      }
    } finally {
      if (raising) {
        topLevelLock.unlock();
      }
    }
  }

  /**
   * Gives an existing node (whose vector just changed) new neighbours on every layer and re-prunes
   * its old neighbours' lists, as hnswlib's updatePoint does.
   */
  public void relink(int node, NodeFilter exclude, Workspace ws) {
    long entry = graph.entry();
    int level = graph.level(node);
    int entryNode = (int) entry;
    if (entry < 0) {
      return;
    }
    // Old neighbourhoods, to repair once the node has moved.
    int[][] old = new int[level + 1][];
    for (int l = 0; l <= level; l++) {
      int[] buf = new int[graph.maxDegree(l)];
      old[l] = Arrays.copyOf(buf, graph.neighbors(node, l, buf));
    }
    if (entryNode == node) {
      // The node is the entry point (so it is on the top layer): start from one of its neighbours.
      entryNode = old[level].length > 0 ? old[level][0] : old[0].length > 0 ? old[0][0] : -1;
      if (entryNode < 0) {
        return;
      }
    }
    int top = Math.min((int) (entry >>> 32), graph.level(entryNode));
    for (int l = 0; l <= level; l++) {
      synchronized (graph.lockFor(node)) {
        graph.setNeighbors(node, l, ws.list, 0);
      }
    }
    link(node, level, entryNode, top, exclude, ws);
    for (int l = 0; l <= level; l++) {
      for (int neighbor : old[l]) {
        if (neighbor != node && !graph.isDeleted(neighbor)) {
          reprune(neighbor, l, old[l], node, ws);
        }
      }
    }
  }

  private void link(int node, int level, int entryNode, int top, NodeFilter exclude, Workspace ws) {
    NodeScorer scorer = vectors.scorerFor(node);
    GraphSearcher searcher = ws.searcher;
    long current = NodeHeap.encode(scorer.score(entryNode), entryNode);
    current = searcher.greedyDescent(graph, scorer, current, top, level);
    NodeHeap seeds = searcher.candidates();
    seeds.clear();
    seeds.pushPacked(current);
    for (int l = Math.min(level, top); l >= 0; l--) {
      NodeHeap found = searcher.searchLayer(graph, scorer, efConstruction, l, exclude);
      ws.candidates = ensure(ws.candidates, found.size());
      // A concurrent insert can make this node reachable before it is fully linked (or it is
      // being re-linked): it must never become its own neighbour.
      int n = withoutNode(ws.candidates, found.drainAscending(ws.candidates), node);
      // The paper's ep <- W: every result of this layer seeds the next one.
      for (int i = 0; i < n; i++) {
        seeds.pushPacked(ws.candidates[i]);
      }
      int count = selectNeighbors(node, ws.candidates, n, graph.maxDegree(l), l, ws);
      int[] chosen = Arrays.copyOf(ws.selected, count);
      addLinks(node, l, chosen, count, ws);
      for (int i = 0; i < count; i++) {
        addLink(chosen[i], l, node, ws);
      }
    }
  }

  /**
   * Drops removed nodes from the graph for good (JVector's removeDeletedNodes): every live node
   * that links to a removed one replaces that link by candidates from the removed node's own
   * neighbours (two hops), re-selected with the heuristic; then the removed nodes' lists are
   * emptied, their slots marked free, and the entry point moved to a live node on the highest
   * level. The caller keeps other writers out; searches may run meanwhile. Returns the freed nodes.
   */
  public int[] removeDeleted(Workspace ws) {
    int nodes = graph.nodeCount();
    int[] buffer = new int[Math.max(graph.maxDegree(0), graph.maxDegree(1))];
    int[] hop = new int[buffer.length];
    for (int node = 0; node < nodes; node++) {
      if (graph.isDeleted(node)) {
        continue;
      }
      for (int level = 0; level <= graph.level(node); level++) {
        int count = graph.neighbors(node, level, buffer);
        boolean touched = false;
        for (int i = 0; i < count && !touched; i++) {
          touched = graph.isDeleted(buffer[i]);
        }
        if (!touched) {
          continue;
        }
        int max = graph.maxDegree(level);
        ws.list = ensure(ws.list, count * (1 + max));
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
        // The list lost links: refill it to capacity (keepPrunedConnections), since a strict
        // re-selection thins out repaired neighbourhoods and costs recall (measured on glove-100).
        synchronized (graph.lockFor(node)) {
          writePruned(node, level, ws.list, candidates, ws, true);
        }
      }
    }
    int freed = 0;
    int[] freedNodes = new int[nodes];
    int newEntry = -1;
    int newTop = -1;
    for (int node = 0; node < nodes; node++) {
      if (graph.isDeleted(node)) {
        if (!graph.isFree(node)) {
          freedNodes[freed++] = node;
        }
      } else if (graph.level(node) > newTop) {
        newTop = graph.level(node);
        newEntry = node;
      }
    }
    int entry = graph.entryPoint();
    if (entry >= 0 && graph.isDeleted(entry)) {
      graph.setEntry(newEntry, newTop);
    }
    for (int i = 0; i < freed; i++) {
      graph.markFree(freedNodes[i]);
    }
    return Arrays.copyOf(freedNodes, freed);
  }

  private static int addUnique(int[] list, int count, int value, int self) {
    if (value == self || contains(list, count, value)) {
      return count;
    }
    list[count] = value;
    return count + 1;
  }

  /**
   * Makes every live node reachable on layer 0 again. Pruning a full neighbour list with the
   * heuristic can drop a node's last in-link (a known HNSW trap, severe for inner product, whose
   * hubs crowd out everything else); each such node gets an in-link from the nearest reachable node
   * with a free slot. The caller must keep other writers out; searches may run. Returns the number
   * of links added.
   */
  public int connectUnreachable(NodeFilter exclude, Workspace ws) {
    int nodes = graph.nodeCount();
    int entry = graph.entryPoint();
    if (entry < 0) {
      return 0;
    }
    boolean[] reached = new boolean[nodes];
    int[] queue = new int[nodes];
    ws.list = ensure(ws.list, graph.maxDegree(0) + 1);
    markReachable(entry, reached, queue, ws.list);
    int added = 0;
    for (int node = 0; node < nodes; node++) {
      if (reached[node] || graph.isDeleted(node)) {
        continue;
      }
      int from = node;
      NodeFilter candidates = n -> n != from && reached[n] && (exclude == null || exclude.accept(n));
      NodeHeap found = ws.searcher.search(graph, vectors.scorerFor(node), efConstruction, candidates);
      int n = found.size();
      ws.candidates = ensure(ws.candidates, n);
      found.drainAscending(ws.candidates);
      if (linkIntoNearest(node, ws.candidates, n, ws)) {
        added++;
        markReachable(node, reached, queue, ws.list);
      }
    }
    return added;
  }

  /** Adds {@code node} to the layer-0 list of the nearest candidate that has room (or, failing that, the nearest). */
  private boolean linkIntoNearest(int node, long[] sorted, int n, Workspace ws) {
    int max = graph.maxDegree(0);
    for (int i = 0; i < n; i++) {
      int candidate = NodeHeap.nodeOf(sorted[i]);
      synchronized (graph.lockFor(candidate)) {
        int count = graph.neighbors(candidate, 0, ws.list);
        if (count < max) {
          ws.list[count] = node;
          graph.setNeighbors(candidate, 0, ws.list, count + 1);
          return true;
        }
      }
    }
    if (n == 0) {
      return false;
    }
    // Every candidate is full: the nearest one gives up its farthest link.
    int nearest = NodeHeap.nodeOf(sorted[0]);
    synchronized (graph.lockFor(nearest)) {
      int count = graph.neighbors(nearest, 0, ws.list);
      int farthest = 0;
      for (int i = 1; i < count; i++) {
        if (vectors.distance(nearest, ws.list[i]) > vectors.distance(nearest, ws.list[farthest])) {
          farthest = i;
        }
      }
      ws.list[farthest] = node;
      graph.setNeighbors(nearest, 0, ws.list, count);
    }
    return true;
  }

  /** Breadth-first marks everything reachable on layer 0 from {@code start}. */
  private void markReachable(int start, boolean[] reached, int[] queue, int[] buffer) {
    int head = 0;
    int tail = 0;
    if (start >= reached.length || reached[start]) {
      return;
    }
    reached[start] = true;
    queue[tail++] = start;
    while (head < tail) {
      int count = graph.neighbors(queue[head++], 0, buffer);
      for (int i = 0; i < count; i++) {
        int next = buffer[i];
        if (next < reached.length && !reached[next]) {
          reached[next] = true;
          queue[tail++] = next;
        }
      }
    }
  }

  /**
   * Algorithm 4: walks candidates nearest first and keeps one only if it is closer to the base
   * than to every neighbour kept so far. {@code sorted} holds packed (distance to base, node),
   * ascending. Writes the kept nodes to {@code ws.selected} and returns their count.
   */
  int selectNeighbors(int base, long[] sorted, int n, int maxCount, int level, Workspace ws) {
    return selectNeighbors(base, sorted, n, maxCount, level, ws, keepPrunedConnections);
  }

  /** Algorithm 4, with keepPrunedConnections on or off for this call. */
  private int selectNeighbors(
      int base, long[] sorted, int n, int maxCount, int level, Workspace ws, boolean keepPruned) {
    if (extendCandidates) {
      n = extend(base, sorted, n, level, ws);
      sorted = ws.candidates;
    }
    ws.selected = ensure(ws.selected, maxCount);
    int[] kept = ws.selected;
    if (n <= maxCount && !extendCandidates) {
      // Room for all: nothing to choose between (as hnswlib does).
      for (int i = 0; i < n; i++) {
        kept[i] = NodeHeap.nodeOf(sorted[i]);
      }
      return n;
    }
    int count = 0;
    int discardedCount = 0;
    for (int i = 0; i < n && count < maxCount; i++) {
      int candidate = NodeHeap.nodeOf(sorted[i]);
      float toBase = NodeHeap.distanceOf(sorted[i]);
      boolean diverse = true;
      for (int j = 0; j < count; j++) {
        if (vectors.distance(candidate, kept[j]) < toBase) {
          diverse = false;
          break;
        }
      }
      if (diverse) {
        kept[count++] = candidate;
      } else if (keepPruned) {
        if (discardedCount == ws.discarded.length) {
          ws.discarded = Arrays.copyOf(ws.discarded, discardedCount * 2); // keeps what is there
        }
        ws.discarded[discardedCount++] = sorted[i];
      }
    }
    // keepPrunedConnections: top up with the nearest discarded ones (already in order).
    for (int i = 0; i < discardedCount && count < maxCount; i++) {
      kept[count++] = NodeHeap.nodeOf(ws.discarded[i]);
    }
    return count;
  }

  /**
   * extendCandidates: adds the candidates' own neighbours (removed ones and the base excepted),
   * scores the union against the base and re-sorts it. The union is small (at most n x (1 +
   * Mmax)), so it is deduplicated by sorting rather than with a graph-sized visited set.
   */
  private int extend(int base, long[] sorted, int n, int level, Workspace ws) {
    int[] buf = new int[graph.maxDegree(level)];
    int[] union = new int[Math.max(n * (1 + buf.length), 1)];
    int size = 0;
    for (int i = 0; i < n; i++) {
      int candidate = NodeHeap.nodeOf(sorted[i]);
      union[size++] = candidate;
      int count = graph.neighbors(candidate, level, buf);
      for (int j = 0; j < count; j++) {
        if (buf[j] != base && !graph.isDeleted(buf[j])) {
          union[size++] = buf[j];
        }
      }
    }
    java.util.Arrays.sort(union, 0, size);
    NodeScorer scorer = vectors.scorerFor(base);
    long[] out = new long[size];
    int unique = 0;
    for (int i = 0; i < size; i++) {
      if (i == 0 || union[i] != union[i - 1]) {
        out[unique++] = NodeHeap.encode(scorer.score(union[i]), union[i]);
      }
    }
    Arrays.sort(out, 0, unique);
    ws.candidates = out;
    return unique;
  }

  /** Sets the node's own list on a layer, merging links other threads added meanwhile. */
  private void addLinks(int node, int level, int[] chosen, int count, Workspace ws) {
    synchronized (graph.lockFor(node)) {
      ws.list = ensure(ws.list, graph.maxDegree(level) + count);
      int existing = graph.neighbors(node, level, ws.list);
      if (existing == 0) {
        graph.setNeighbors(node, level, chosen, count);
        return;
      }
      int total = existing;
      for (int i = 0; i < count; i++) {
        if (chosen[i] != node && !contains(ws.list, total, chosen[i])) {
          ws.list[total++] = chosen[i];
        }
      }
      writePruned(node, level, ws.list, total, ws);
    }
  }

  /** Adds the link from -> to, pruning from's list with the heuristic if it overflows. */
  private void addLink(int from, int level, int to, Workspace ws) {
    synchronized (graph.lockFor(from)) {
      int max = graph.maxDegree(level);
      ws.list = ensure(ws.list, max + 1);
      int count = graph.neighbors(from, level, ws.list);
      if (from == to || contains(ws.list, count, to)) {
        return;
      }
      ws.list[count++] = to;
      writePruned(from, level, ws.list, count, ws);
    }
  }

  /**
   * Re-selects {@code base}'s list on a layer from its current neighbours plus {@code extra}
   * (without {@code removed}): repairs the neighbourhood a moved node left.
   */
  private void reprune(int base, int level, int[] extra, int removed, Workspace ws) {
    synchronized (graph.lockFor(base)) {
      ws.list = ensure(ws.list, graph.maxDegree(level) + extra.length);
      int count = graph.neighbors(base, level, ws.list);
      for (int e : extra) {
        if (e != base && e != removed && !contains(ws.list, count, e) && !graph.isDeleted(e)) {
          ws.list[count++] = e;
        }
      }
      writePruned(base, level, ws.list, count, ws);
    }
  }

  /** Writes {@code list} as base's neighbours, first pruning it with the heuristic if too long. */
  private void writePruned(int base, int level, int[] list, int count, Workspace ws) {
    writePruned(base, level, list, count, ws, keepPrunedConnections);
  }

  private void writePruned(int base, int level, int[] list, int count, Workspace ws, boolean keepPruned) {
    int max = graph.maxDegree(level);
    if (count <= max) {
      graph.setNeighbors(base, level, list, count);
      return;
    }
    ws.candidates = ensure(ws.candidates, count);
    long[] sorted = ws.candidates;
    for (int i = 0; i < count; i++) {
      sorted[i] = NodeHeap.encode(vectors.distance(base, list[i]), list[i]);
    }
    Arrays.sort(sorted, 0, count);
    int kept = selectNeighbors(base, sorted, count, max, level, ws, keepPruned);
    graph.setNeighbors(base, level, ws.selected, kept);
  }

  private static int withoutNode(long[] sorted, int n, int node) {
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (NodeHeap.nodeOf(sorted[i]) != node) {
        sorted[kept++] = sorted[i];
      }
    }
    return kept;
  }

  private static boolean contains(int[] list, int count, int value) {
    for (int i = 0; i < count; i++) {
      if (list[i] == value) {
        return true;
      }
    }
    return false;
  }

  private static long[] ensure(long[] a, int size) {
    return a.length >= size ? a : new long[Math.max(size, a.length * 2)];
  }

  private static int[] ensure(int[] a, int size) {
    return a.length >= size ? a : new int[Math.max(size, a.length * 2)];
  }
}
