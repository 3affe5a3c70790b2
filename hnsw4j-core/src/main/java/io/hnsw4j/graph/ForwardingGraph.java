package io.hnsw4j.graph;

/** A graph view that passes every call on, for views (and tests) that change some of them. */
public class ForwardingGraph implements GraphView {
  private final GraphView graph;

  /** A view of {@code graph}. */
  public ForwardingGraph(GraphView graph) {
    this.graph = graph;
  }

  @Override
  public int nodeCount() {
    return graph.nodeCount();
  }

  @Override
  public int entryPoint() {
    return graph.entryPoint();
  }

  @Override
  public int maxLevel() {
    return graph.maxLevel();
  }

  @Override
  public int level(int node) {
    return graph.level(node);
  }

  @Override
  public boolean isDeleted(int node) {
    return graph.isDeleted(node);
  }

  @Override
  public boolean isFree(int node) {
    return graph.isFree(node);
  }

  @Override
  public int neighbors(int node, int level, int[] dest) {
    return graph.neighbors(node, level, dest);
  }

  @Override
  public long memoryBytes() {
    return graph.memoryBytes();
  }

  @Override
  public int maxDegree(int level) {
    return graph.maxDegree(level);
  }
}
