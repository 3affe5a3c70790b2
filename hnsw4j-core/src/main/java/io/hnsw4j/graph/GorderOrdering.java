package io.hnsw4j.graph;

import java.util.Arrays;

/**
 * Gorder (Wei, Yu, Lu and Lin, SIGMOD 2016) over layer 0: nodes placed one at a time, each next
 * node the one that shares most with the last {@link #WINDOW} placed, counting a link either way
 * and every common in-neighbour (a node that links to both: a search expanding it scores both).
 * Scores move by one, so a bucket list per score ("unit heap") finds the best in O(1) amortised.
 * Work is about twice the sum over nodes of in-degree times out-degree; memory two copies of
 * the layer-0 links. Free slots come last.
 */
final class GorderOrdering {
  /** Placed nodes a candidate is scored against (the paper's choice). */
  static final int WINDOW = 5;

  private final int nodes;
  private final int[] outStart;
  private final int[] out;
  private final int[] inStart;
  private final int[] in;
  // The unit heap: per node its score and neighbours in its score's bucket; -1 ends a list.
  private final int[] score;
  private final int[] prev;
  private final int[] next;
  private int[] head;
  private int top;
  private final boolean[] placed;

  private GorderOrdering(GraphView graph) {
    nodes = graph.nodeCount();
    int[] list = new int[graph.maxDegree(0)];
    outStart = new int[nodes + 1];
    int[] inDegree = new int[nodes + 1];
    int links = 0;
    for (int node = 0; node < nodes; node++) {
      int count = graph.isFree(node) ? 0 : graph.neighbors(node, 0, list);
      links += count;
      outStart[node + 1] = links;
      for (int i = 0; i < count; i++) {
        inDegree[list[i] + 1]++;
      }
    }
    out = new int[links];
    in = new int[links];
    inStart = new int[nodes + 1];
    for (int node = 0; node < nodes; node++) {
      inStart[node + 1] = inStart[node] + inDegree[node + 1];
    }
    int[] filled = Arrays.copyOf(inStart, nodes);
    for (int node = 0; node < nodes; node++) {
      int count = graph.isFree(node) ? 0 : graph.neighbors(node, 0, list);
      System.arraycopy(list, 0, out, outStart[node], count);
      for (int i = 0; i < count; i++) {
        in[filled[list[i]]++] = node;
      }
    }
    score = new int[nodes];
    prev = new int[nodes];
    next = new int[nodes];
    placed = new boolean[nodes];
    head = new int[16];
    Arrays.fill(head, -1);
  }

  /** The new order, as the old number of each new position; {@code start} goes first. */
  static int[] order(GraphView graph, int start) {
    return new GorderOrdering(graph).run(graph, start);
  }

  private int[] run(GraphView graph, int start) {
    int[] order = new int[nodes];
    int count = 0;
    for (int node = nodes - 1; node >= 0; node--) {
      if (!graph.isFree(node) && node != start) {
        push(node, 0);
      }
    }
    // With no score above 0 (a new component, or the window's relations all placed) any
    // unplaced node comes next.
    for (int chosen = start; chosen >= 0; chosen = popBest()) {
      placed[chosen] = true;
      order[count++] = chosen;
      shift(chosen, 1);
      if (count > WINDOW) {
        shift(order[count - 1 - WINDOW], -1);
      }
    }
    for (int node = 0; node < nodes; node++) {
      if (graph.isFree(node)) {
        order[count++] = node;
      }
    }
    return order;
  }

  /** Adds {@code delta} to every unplaced node related to {@code node}, once per relation. */
  private void shift(int node, int delta) {
    for (int i = outStart[node]; i < outStart[node + 1]; i++) {
      bump(out[i], delta);
    }
    for (int i = inStart[node]; i < inStart[node + 1]; i++) {
      int parent = in[i];
      bump(parent, delta);
      for (int j = outStart[parent]; j < outStart[parent + 1]; j++) {
        if (out[j] != node) {
          bump(out[j], delta);
        }
      }
    }
  }

  private void bump(int node, int delta) {
    if (placed[node]) {
      return;
    }
    int from = score[node];
    unlink(node, from);
    push(node, from + delta);
  }

  /** The unplaced node of the highest score, or -1 when none is left. */
  private int popBest() {
    while (top > 0 && head[top] < 0) {
      top--;
    }
    int best = head[top];
    if (best >= 0) {
      unlink(best, top);
    }
    return best;
  }

  private void push(int node, int key) {
    if (key >= head.length) {
      int old = head.length;
      head = Arrays.copyOf(head, Math.max(key + 1, 2 * old));
      Arrays.fill(head, old, head.length, -1);
    }
    score[node] = key;
    prev[node] = -1;
    next[node] = head[key];
    if (head[key] >= 0) {
      prev[head[key]] = node;
    }
    head[key] = node;
    top = Math.max(top, key);
  }

  private void unlink(int node, int key) {
    if (prev[node] >= 0) {
      next[prev[node]] = next[node];
    } else {
      head[key] = next[node];
    }
    if (next[node] >= 0) {
      prev[next[node]] = prev[node];
    }
  }
}
