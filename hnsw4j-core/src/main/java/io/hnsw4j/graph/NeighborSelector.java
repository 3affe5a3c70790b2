package io.hnsw4j.graph;

import io.hnsw4j.vector.NodeScorer;
import io.hnsw4j.vector.VectorSpace;
import java.util.Arrays;

/**
 * The paper's Algorithm 4 (SELECT-NEIGHBORS-HEURISTIC): walk the candidates nearest first and keep
 * one only if it is closer to the base than to every neighbour kept so far, with the paper's two
 * options. When it prunes an existing list, the links that pin a child of the spanning tree (see
 * {@link SpanningTrees}) are kept first and count as selected.
 */
final class NeighborSelector {
  private final HeapGraph graph;
  private final VectorSpace vectors;
  private final boolean extendCandidates;
  private final boolean keepPrunedConnections;

  NeighborSelector(HeapGraph graph, VectorSpace vectors, BuildParams params) {
    this.graph = graph;
    this.vectors = vectors;
    this.extendCandidates = params.extendCandidates();
    this.keepPrunedConnections = params.keepPrunedConnections();
  }

  /**
   * Selects at most {@code maxCount} of {@code n} candidates, packed (distance to base, node) and
   * sorted ascending, into {@code ws.selected}; returns how many. The first {@code pinned}
   * entries of {@code ws.selected} are already chosen and are kept.
   */
  int select(int base, long[] sorted, int n, int maxCount, int level, int pinned, BuildWorkspace ws) {
    return select(base, sorted, n, maxCount, level, pinned, ws, keepPrunedConnections);
  }

  private int select(
      int base, long[] sorted, int n, int maxCount, int level, int pinned, BuildWorkspace ws, boolean keepPruned) {
    if (extendCandidates) {
      n = extend(base, sorted, n, level, ws);
      sorted = ws.candidates;
    }
    if (ws.selected.length < maxCount) {
      ws.selected = Arrays.copyOf(ws.selected, maxCount); // keeps the pinned entries
    }
    int[] kept = ws.selected;
    int count = pinned;
    if (pinned + n <= maxCount && !extendCandidates) {
      // Room for all: nothing to choose between (as hnswlib does).
      for (int i = 0; i < n; i++) {
        kept[count++] = NodeHeap.nodeOf(sorted[i]);
      }
      return count;
    }
    int discardedCount = 0;
    for (int i = 0; i < n && count < maxCount; i++) {
      int candidate = NodeHeap.nodeOf(sorted[i]);
      if (pinned > 0 && isPinned(kept, pinned, candidate)) {
        continue; // extendCandidates can bring a pinned child back
      }
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
          ws.growDiscarded();
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

  private static boolean isPinned(int[] kept, int pinned, int node) {
    for (int i = 0; i < pinned; i++) {
      if (kept[i] == node) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes {@code list} as base's neighbours on {@code level}, first pruning it with the heuristic
   * if it is too long; the caller holds base's lock. Children that base pins stay.
   */
  void writePruned(int base, int level, int[] list, int count, BuildWorkspace ws) {
    writePruned(base, level, list, count, ws, keepPrunedConnections);
  }

  /** As {@link #writePruned(int, int, int[], int, BuildWorkspace)}, with the option given. */
  void writePruned(int base, int level, int[] list, int count, BuildWorkspace ws, boolean keepPruned) {
    int max = graph.maxDegree(level);
    if (count <= max) {
      graph.setNeighbors(base, level, list, count);
      return;
    }
    ws.candidates = BuildWorkspace.ensure(ws.candidates, count);
    ws.selected = BuildWorkspace.ensure(ws.selected, max + count);
    long[] sorted = ws.candidates;
    int pinned = 0;
    int others = 0;
    for (int i = 0; i < count; i++) {
      int node = list[i];
      if (graph.parent(node, level) == base && pinned < max) {
        ws.selected[pinned++] = node;
      } else {
        sorted[others++] = NodeHeap.encode(vectors.distance(base, node), node);
      }
    }
    Arrays.sort(sorted, 0, others);
    int kept = select(base, sorted, others, max, level, pinned, ws, keepPruned);
    graph.setNeighbors(base, level, ws.selected, kept);
  }

  /**
   * extendCandidates: adds the candidates' own neighbours (removed ones and the base excepted),
   * scores the union against the base and re-sorts it. The union is small (at most n x (1 +
   * Mmax)), so it is deduplicated by sorting rather than with a graph-sized visited set.
   */
  private int extend(int base, long[] sorted, int n, int level, BuildWorkspace ws) {
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
    Arrays.sort(union, 0, size);
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
}
