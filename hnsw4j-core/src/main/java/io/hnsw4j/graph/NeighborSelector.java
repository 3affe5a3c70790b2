package io.hnsw4j.graph;

import io.hnsw4j.vector.NodeScorer;
import io.hnsw4j.vector.VectorSpace;
import java.util.Arrays;

/**
 * The paper's Algorithm 4 (SELECT-NEIGHBORS-HEURISTIC): walk the candidates nearest first and keep
 * one only if it is closer to the base than to every neighbour kept so far, with the paper's two
 * options. When it prunes an existing list, the links that pin a child of the spanning tree (see
 * {@link SpanningTrees}) stay: the heuristic first chooses among all entries as if nothing were
 * pinned, then a pinned child it left out takes the place of its farthest unpinned choice.
 *
 * <p>Pinned children used to be kept first and counted as chosen, so the heuristic also dropped
 * every candidate nearer to one of them than to the base. Children hang from a parent for
 * reachability, not because they cover a direction: on siftsmall that lost one or two of the 1,000
 * true neighbours of the queries at ef 40 at each of 16 build seeds, ones hnswlib's graphs find
 * (docs/benchmarks.md, "Pinned children out of the heuristic").
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
   * sorted ascending, into {@code ws.selected}; returns how many.
   */
  int select(int base, long[] sorted, int n, int maxCount, int level, BuildWorkspace ws) {
    return select(base, sorted, n, maxCount, level, ws, keepPrunedConnections);
  }

  private int select(int base, long[] sorted, int n, int maxCount, int level, BuildWorkspace ws, boolean keepPruned) {
    if (extendCandidates) {
      n = extend(base, sorted, n, level, ws);
      sorted = ws.candidates;
    }
    if (ws.selected.length < maxCount) {
      ws.selected = new int[maxCount];
    }
    int[] kept = ws.selected;
    int count = 0;
    if (n <= maxCount && !extendCandidates) {
      // Room for all: nothing to choose between (as hnswlib does).
      for (int i = 0; i < n; i++) {
        kept[count++] = NodeHeap.nodeOf(sorted[i]);
      }
      return count;
    }
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
    for (int i = 0; i < count; i++) {
      sorted[i] = NodeHeap.encode(vectors.distance(base, list[i]), list[i]);
    }
    Arrays.sort(sorted, 0, count);
    int kept = select(base, sorted, count, max, level, ws, keepPruned);
    kept = keepPinnedChildren(base, level, list, count, ws.selected, kept, max);
    graph.setNeighbors(base, level, ws.selected, kept);
  }

  /**
   * Puts the children that {@code base} pins back among the {@code kept} nodes chosen from {@code
   * list}: into free room, else in place of the last choice that pins nothing (the heuristic's
   * farthest, or one that keepPrunedConnections topped up). A tree parent holds fewer children than
   * its list has room for, so a place is always found. Returns the new count.
   */
  private int keepPinnedChildren(int base, int level, int[] list, int count, int[] kept, int keptCount, int max) {
    int replaceable = keptCount;
    for (int i = 0; i < count; i++) {
      int node = list[i];
      if (graph.parent(node, level) != base || GraphBuilder.contains(kept, keptCount, node)) {
        continue;
      }
      if (keptCount < max) {
        kept[keptCount++] = node;
        continue;
      }
      int at = replaceable - 1;
      while (at >= 0 && graph.parent(kept[at], level) == base) {
        at--;
      }
      if (at < 0) {
        break; // every place holds a pinned child already
      }
      kept[at] = node;
      replaceable = at;
    }
    return keptCount;
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
