package io.hnsw4j.graph;

import io.hnsw4j.vector.ChunkShape;
import io.hnsw4j.vector.HeapVectorSpace;
import io.hnsw4j.vector.VectorMetric;

/** A small graph built node by node, for tests of the algorithms on known inputs. */
final class HandBuiltGraph {
  final HeapVectorSpace vectors;
  final HeapGraph graph;

  /** Nodes 0..points-1 at these coordinates (squared L2), all on level {@code levels[i]}. */
  HandBuiltGraph(int m, float[][] points, int[] levels) {
    ChunkShape shape = ChunkShape.forCapacity(points.length);
    vectors = new HeapVectorSpace(points[0].length, new VectorMetric(VectorMetric.Kind.L2, "l2", null), shape);
    vectors.ensureCapacity(points.length);
    graph = new HeapGraph(m, shape);
    graph.ensureCapacity(points.length);
    int top = 0;
    for (int i = 0; i < points.length; i++) {
      vectors.set(i, points[i]);
      graph.initNode(i, levels[i]);
      top = Math.max(top, levels[i]);
    }
    for (int i = 0; i < points.length; i++) {
      if (levels[i] == top) {
        graph.setEntry(i, top);
        break;
      }
    }
  }

  /** Points on a line at 0, 1, 2, ..., all on layer 0. */
  static HandBuiltGraph line(int m, int n) {
    float[][] points = new float[n][];
    for (int i = 0; i < n; i++) {
      points[i] = new float[] {i};
    }
    return new HandBuiltGraph(m, points, new int[n]);
  }

  HandBuiltGraph link(int node, int level, int... neighbors) {
    synchronized (graph.lockFor(node)) {
      graph.setNeighbors(node, level, neighbors, neighbors.length);
    }
    return this;
  }

  /** Packed (distance to node, node) of each candidate, nearest first. */
  long[] sortedCandidates(int base, int... candidates) {
    long[] out = new long[candidates.length];
    for (int i = 0; i < candidates.length; i++) {
      out[i] = NodeHeap.encode(vectors.distance(base, candidates[i]), candidates[i]);
    }
    java.util.Arrays.sort(out);
    return out;
  }
}
