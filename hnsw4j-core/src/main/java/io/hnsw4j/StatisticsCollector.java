package io.hnsw4j;

import io.hnsw4j.graph.GraphView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Walks a graph once to describe its layers for {@link HnswIndex#statistics()}. */
final class StatisticsCollector {
  private StatisticsCollector() {}

  static IndexStatistics collect(GraphView graph, int size, long vectorBytes, long linkBytes, long otherBytes) {
    int nodes = graph.nodeCount();
    int top = graph.maxLevel();
    int[] count = new int[top + 1];
    int[] min = new int[top + 1];
    int[] max = new int[top + 1];
    long[] sum = new long[top + 1];
    Arrays.fill(min, Integer.MAX_VALUE);
    int[] buffer = new int[graph.maxDegree(0)];
    int removed = 0;
    int free = 0;
    for (int node = 0; node < nodes; node++) {
      if (graph.isFree(node)) {
        free++;
        continue;
      }
      if (graph.isDeleted(node)) {
        removed++;
        continue;
      }
      for (int level = 0; level <= Math.min(graph.level(node), top); level++) {
        int degree = graph.neighbors(node, level, buffer);
        count[level]++;
        sum[level] += degree;
        min[level] = Math.min(min[level], degree);
        max[level] = Math.max(max[level], degree);
      }
    }
    List<IndexStatistics.Level> levels = new ArrayList<>();
    for (int level = 0; level <= top; level++) {
      levels.add(
          new IndexStatistics.Level(
              level,
              count[level],
              count[level] == 0 ? 0 : min[level],
              count[level] == 0 ? 0 : (double) sum[level] / count[level],
              max[level]));
    }
    return new IndexStatistics(
        size,
        nodes,
        removed,
        free,
        graph.entryPoint(),
        List.copyOf(levels),
        vectorBytes + linkBytes + otherBytes,
        vectorBytes,
        linkBytes);
  }
}
