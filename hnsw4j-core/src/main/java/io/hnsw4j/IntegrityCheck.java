package io.hnsw4j;

import io.hnsw4j.graph.GraphInvariants;
import io.hnsw4j.graph.GraphView;
import io.hnsw4j.internal.IdLookup;
import java.util.ArrayList;
import java.util.List;

/** The graph's invariants plus the agreement of the id map with the graph's live nodes. */
final class IntegrityCheck {
  private static final int MAX_REPORTED = 20;

  private IntegrityCheck() {}

  static IntegrityReport run(GraphView graph, IdLookup ids) {
    GraphInvariants.Report report = GraphInvariants.check(graph);
    List<String> problems = new ArrayList<>(report.problems());
    int count = report.problemCount();
    int nodes = graph.nodeCount();
    int live = 0;
    for (int node = 0; node < nodes; node++) {
      if (graph.isDeleted(node)) {
        continue;
      }
      live++;
      long id = ids.idOf(node);
      int back = ids.ordinalOf(id);
      if (back != node) {
        count++;
        if (problems.size() < MAX_REPORTED) {
          problems.add("live node " + node + " holds id " + id + ", but the id map gives node " + back);
        }
      }
    }
    if (live != ids.size()) {
      count++;
      if (problems.size() < MAX_REPORTED) {
        problems.add("the id map holds " + ids.size() + " ids for " + live + " live nodes");
      }
    }
    return new IntegrityReport(nodes, report.liveNodes(), report.reachableLiveNodes(), problems, count);
  }
}
