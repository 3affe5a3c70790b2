package io.hnsw4j.graph;

import io.hnsw4j.internal.Limits;
import io.hnsw4j.vector.NodeScorer;
import io.hnsw4j.vector.VectorSpace;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

/**
 * Inserts nodes into a {@link HeapGraph}: the paper's Algorithm 1 (INSERT) with the neighbour
 * selection heuristic of Algorithm 4 ({@link NeighborSelector}). Safe to call from many threads
 * at once; each thread passes its own {@link BuildWorkspace}.
 *
 * <p>An insert first searches every layer (top down, as the paper does), then publishes its
 * links bottom up: layer 0 first, so that a search that reaches the new node on an upper layer
 * always finds its layer-0 links in place. On each layer the node hangs from a tree parent
 * ({@link SpanningTrees}) before any other node links to it, so it is reachable from the entry
 * point the moment {@code insert} returns, and stays so however lists are pruned later.
 */
public final class GraphBuilder {
  private final HeapGraph graph;
  private final VectorSpace vectors;
  /** Scorers of a node's vector on the compact copy the layer searches walk, or null: the floats. */
  private final IntFunction<NodeScorer> walkScorers;
  private final int efConstruction;
  private final double levelMultiplier;
  private final AtomicLong levelState;
  private final NeighborSelector selector;
  private final SpanningTrees trees;
  /** Held by an insert that raises the top level, for its whole duration (as in hnswlib). */
  private final ReentrantLock topLevelLock = new ReentrantLock();

  /** A builder of {@code graph} over {@code vectors}. */
  public GraphBuilder(HeapGraph graph, VectorSpace vectors, BuildParams params) {
    this(graph, vectors, null, params);
  }

  /**
   * A builder whose layer searches walk a compact copy ({@code walkScorers} gives the scorer of a
   * node's vector there; null walks the floats), each layer's candidates then scored again with
   * {@code vectors}, which select and prune links.
   */
  public GraphBuilder(HeapGraph graph, VectorSpace vectors, IntFunction<NodeScorer> walkScorers, BuildParams params) {
    this.graph = graph;
    this.vectors = vectors;
    this.walkScorers = walkScorers;
    this.efConstruction = params.efConstruction();
    this.levelMultiplier = params.levelMultiplier();
    this.levelState = new AtomicLong(params.seed());
    this.selector = new NeighborSelector(graph, vectors, params);
    this.trees = new SpanningTrees(graph, vectors, selector, efConstruction);
  }

  /**
   * Draws a level: floor(-ln(U) * mL) with U in (0, 1]. Lock-free (a SplitMix64 sequence on an
   * atomic counter), so a single-threaded build with the same seed draws the same levels.
   */
  public int randomLevel() {
    long z = levelState.addAndGet(0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    double u = 1.0 - (z >>> 11) * 0x1.0p-53; // (0, 1]: U = 0 would give an infinite level
    return (int) Math.min(Limits.MAX_LEVEL, Math.floor(-Math.log(u) * levelMultiplier));
  }

  /**
   * Links {@code node} (vector already stored, slot new or free) into the graph at {@code level}.
   * {@code exclude} rejects nodes that must not become neighbours (removed ones); null accepts
   * all.
   */
  public void insert(int node, int level, NodeFilter exclude, BuildWorkspace ws) {
    graph.initNode(node, level);
    long entry = graph.entry();
    boolean raising = entry < 0 || level > topOf(entry);
    if (raising) {
      topLevelLock.lock();
      entry = graph.entry();
      if (entry >= 0 && level <= topOf(entry)) {
        topLevelLock.unlock();
        raising = false;
      }
    }
    try {
      if (entry < 0) {
        graph.setEntry(node, level);
        return;
      }
      int entryNode = (int) entry;
      int top = topOf(entry);
      int linkTop = Math.min(level, top);
      long[][] candidates = new long[linkTop + 1][];
      int[][] chosen = new int[linkTop + 1][];
      searchLayers(node, level, entryNode, top, exclude, candidates, chosen, ws);
      for (int l = 0; l <= linkTop; l++) {
        publish(node, l, candidates[l], chosen[l], ws);
      }
      if (raising) {
        trees.reroot(node, level, entryNode, top, ws);
      }
    } finally {
      if (raising) {
        topLevelLock.unlock();
      }
    }
  }

  private static int topOf(long entry) {
    return (int) (entry >>> 32);
  }

  /**
   * The search half of Algorithm 1: greedy descent to {@code level + 1}, then on each layer a
   * beam search with efConstruction whose results (the paper's W) seed the next layer. Fills, per
   * layer, the candidates found (nearest first) and the neighbours the heuristic selects.
   */
  private void searchLayers(
      int node, int level, int entryNode, int top, NodeFilter exclude, long[][] candidates, int[][] chosen,
      BuildWorkspace ws) {
    NodeScorer exact = vectors.scorerFor(node);
    NodeScorer scorer = walkScorers == null ? exact : walkScorers.apply(node);
    GraphSearcher searcher = ws.searcher;
    long current = NodeHeap.encode(scorer.score(entryNode), entryNode);
    current = searcher.greedyDescent(graph, scorer, current, top, level);
    NodeHeap seeds = searcher.candidates();
    seeds.clear();
    seeds.pushPacked(current);
    for (int l = Math.min(level, top); l >= 0; l--) {
      NodeHeap found = searcher.searchLayer(graph, scorer, efConstruction, l, exclude, true);
      ws.candidates = BuildWorkspace.ensure(ws.candidates, found.size());
      // A node that is re-inserted into a free slot must never become its own neighbour.
      int n = withoutNode(ws.candidates, found.drainAscending(ws.candidates), node);
      seeds.pushPacked(current); // a layer whose nodes are all excluded still leads on
      for (int i = 0; i < n; i++) {
        seeds.pushPacked(ws.candidates[i]);
      }
      long[] sorted = walkScorers == null ? Arrays.copyOf(ws.candidates, n) : rescored(ws.candidates, n, exact, ws);
      // M links on every layer, as the paper's Algorithm 1 and hnswlib give a new node; layer 0
      // lists may grow to 2M as later nodes link back. 2M of its own cost a glove-100 build 29%
      // more distances (the heuristic and the pruning of the extra back-links) for no recall at
      // equal search work (docs/benchmarks.md, "Distance computations per insert").
      int count = selector.select(node, sorted, n, graph.m(), l, ws);
      candidates[l] = sorted;
      chosen[l] = Arrays.copyOf(ws.selected, count);
    }
  }

  /**
   * The linking half on one layer: the node's own list, then its tree parent's link to it (from
   * now on it is reachable), then the other neighbours' links back to it.
   */
  private void publish(int node, int level, long[] candidates, int[] chosen, BuildWorkspace ws) {
    addLinks(node, level, chosen, ws);
    int parent = trees.attachNear(node, level, chosen, candidates, ws);
    for (int neighbor : chosen) {
      if (neighbor != parent) {
        addLink(neighbor, level, node, ws);
      }
    }
  }

  /** Sets the node's own list on a layer, merging links other threads added meanwhile. */
  private void addLinks(int node, int level, int[] chosen, BuildWorkspace ws) {
    synchronized (graph.lockFor(node)) {
      ws.list = BuildWorkspace.ensure(ws.list, graph.maxDegree(level) + chosen.length);
      int total = graph.neighbors(node, level, ws.list);
      for (int c : chosen) {
        if (c != node && !contains(ws.list, total, c)) {
          ws.list[total++] = c;
        }
      }
      selector.writePruned(node, level, ws.list, total, ws);
    }
  }

  /** Adds the link from -> to, pruning from's list with the heuristic if it overflows. */
  void addLink(int from, int level, int to, BuildWorkspace ws) {
    synchronized (graph.lockFor(from)) {
      ws.list = BuildWorkspace.ensure(ws.list, graph.maxDegree(level) + 1);
      int count = graph.neighbors(from, level, ws.list);
      if (from == to || contains(ws.list, count, to)) {
        return;
      }
      ws.list[count++] = to;
      selector.writePruned(from, level, ws.list, count, ws);
    }
  }

  /**
   * Makes the graph whole after loading it: every node that is not a free slot gets a tree
   * parent on each of its layers (links are added where none leads to it). The caller keeps
   * writers out.
   */
  public void rebuildTrees(BuildWorkspace ws) {
    int entry = graph.entryPoint();
    if (entry >= 0) {
      trees.rebuild(entry, node -> !graph.isFree(node), ws);
    }
  }

  /**
   * Drops removed nodes from the graph for good; see {@link Compaction}. The caller keeps writers
   * out; searches may run meanwhile. Returns the freed nodes.
   */
  public int[] removeDeleted(BuildWorkspace ws) {
    return new Compaction(graph, selector, trees).run(ws);
  }

  /** The candidates scored again by {@code exact}, nearest first. */
  private static long[] rescored(long[] candidates, int n, NodeScorer exact, BuildWorkspace ws) {
    ws.list = BuildWorkspace.ensure(ws.list, n);
    int[] nodes = ws.list;
    for (int i = 0; i < n; i++) {
      nodes[i] = NodeHeap.nodeOf(candidates[i]);
    }
    float[] distances = new float[n];
    exact.prefetch(nodes, n); // the walk read their codes, not their floats
    exact.scoreAll(nodes, n, distances);
    long[] sorted = new long[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = NodeHeap.encode(distances[i], nodes[i]);
    }
    Arrays.sort(sorted);
    return sorted;
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

  static boolean contains(int[] list, int count, int value) {
    for (int i = 0; i < count; i++) {
      if (list[i] == value) {
        return true;
      }
    }
    return false;
  }
}
