package io.hnsw4j.cli;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.SearchResult;
import io.hnsw4j.IntegrityReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hnsw4j verify}: reading the file checks its checksum and structure; then the core's
 * invariant checker walks the graph, and sampled vectors must find themselves.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Checks an index file: checksum, graph invariants (no self or duplicate links,"
        + " degree limits, entry point, every node reachable), and that sampled vectors find"
        + " themselves. Exit status 1 on a problem.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand Hnsw4jCommand parent;

  @Parameters(index = "0", paramLabel = "INDEX", description = "Index file.")
  Path indexFile;

  @Option(names = "--sample", defaultValue = "1000",
      description = "Vectors searched for themselves (default: ${DEFAULT-VALUE}).")
  int sample;

  @Option(names = "--min-self-recall", defaultValue = "0.9", paramLabel = "FRACTION",
      description = "Fail when fewer sampled vectors find themselves (default: ${DEFAULT-VALUE}).")
  double minSelfRecall;

  @Override
  public Integer call() throws Exception {
    PrintStream out = parent.out;
    // Reading onto the heap verifies the checksum of every section.
    try (HnswIndex index = HnswIndex.open(indexFile)) {
      out.println("checksum         ok");
      IntegrityReport report = index.checkIntegrity();
      out.println("invariants       " + (report.ok() ? "ok: " : "FAILED: ") + report);
      double selfRecall = selfRecall(index, sample);
      boolean selfOk = selfRecall >= minSelfRecall;
      out.printf(Locale.ROOT, "self-search      %s: %.4f of %d sampled vectors find themselves%n",
          selfOk ? "ok" : "FAILED", selfRecall, Math.min(sample, index.size()));
      if (!report.ok() || !selfOk) {
        parent.err.println("hnsw4j verify: " + indexFile + " has problems");
        return Main.EXIT_FAILURE;
      }
      out.println(indexFile + ": ok");
    }
    return 0;
  }

  /** Fraction of sampled vectors whose own id, or an exact duplicate, comes back first. */
  static double selfRecall(HnswIndex index, int sample) {
    long[] ids = index.ids().toArray();
    if (ids.length == 0) {
      return 1;
    }
    SplittableRandom random = new SplittableRandom(7);
    int n = Math.min(sample, ids.length);
    int found = 0;
    for (int i = 0; i < n; i++) {
      long id = ids.length <= sample ? ids[i] : ids[random.nextInt(ids.length)];
      List<SearchResult> hits = index.search(index.vector(id), 1, Math.max(100, index.defaultEf()));
      if (!hits.isEmpty() && (hits.getFirst().id() == id || hits.getFirst().distance() <= 1e-6f)) {
        found++;
      }
    }
    return (double) found / n;
  }
}
