package io.hnsw4j.graph;

/**
 * A new numbering of a graph's nodes, for laying them out in a file: node {@code n} of the new
 * numbering is node {@link #oldOf(int) oldOf(n)} of the graph. {@link #view} shows the graph
 * under it, links and entry point renumbered, so a writer reads it in the new order.
 */
public final class Renumbering {
  /** The numbering the graph has. */
  public static final Renumbering IDENTITY = new Renumbering(null, null);

  private final int[] newToOld;
  private final int[] oldToNew;

  private Renumbering(int[] newToOld, int[] oldToNew) {
    this.newToOld = newToOld;
    this.oldToNew = oldToNew;
  }

  /**
   * Gorder over layer 0 ({@link GorderOrdering}) from the entry point: each next node the one
   * that shares most links and in-neighbours with the last few placed. Free slots come last. The
   * caller keeps writers out.
   */
  public static Renumbering gorder(GraphView graph) {
    int entry = graph.entryPoint();
    return entry < 0 ? IDENTITY : of(GorderOrdering.order(graph, entry));
  }

  private static Renumbering of(int[] newToOld) {
    int[] oldToNew = new int[newToOld.length];
    for (int node = 0; node < newToOld.length; node++) {
      oldToNew[newToOld[node]] = node;
    }
    return new Renumbering(newToOld, oldToNew);
  }

  /** The graph's node that is node {@code node} under this numbering. */
  public int oldOf(int node) {
    return newToOld == null ? node : newToOld[node];
  }

  /** The number under this numbering of the graph's node {@code node}. */
  public int newOf(int node) {
    return oldToNew == null ? node : oldToNew[node];
  }

  /** {@code graph} under this numbering (itself for {@link #IDENTITY}). */
  public GraphView view(GraphView graph) {
    return newToOld == null ? graph : new Renumbered(graph);
  }

  /** A read view: every node, link and the entry point in the new numbering. */
  private final class Renumbered extends ForwardingGraph {
    private final GraphView graph;

    Renumbered(GraphView graph) {
      super(graph);
      this.graph = graph;
    }

    @Override
    public int entryPoint() {
      int entry = graph.entryPoint();
      return entry < 0 ? entry : newOf(entry);
    }

    @Override
    public int level(int node) {
      return graph.level(oldOf(node));
    }

    @Override
    public boolean isDeleted(int node) {
      return graph.isDeleted(oldOf(node));
    }

    @Override
    public boolean isFree(int node) {
      return graph.isFree(oldOf(node));
    }

    @Override
    public int neighbors(int node, int level, int[] dest) {
      int count = graph.neighbors(oldOf(node), level, dest);
      for (int i = 0; i < count; i++) {
        dest[i] = newOf(dest[i]);
      }
      return count;
    }
  }
}
