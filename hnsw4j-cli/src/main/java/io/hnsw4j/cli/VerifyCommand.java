package io.hnsw4j.cli;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.SearchResult;
import io.hnsw4j.IntegrityReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
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

  @Option(names = "--sample", defaultValue = "1000", paramLabel = "N",
      converter = NumberConverters.Positive.class,
      description = "Vectors searched for themselves; all of them when the index holds no more"
          + " (default: ${DEFAULT-VALUE}).")
  int sample;

  @Option(names = "--min-self-recall", defaultValue = "0.9", paramLabel = "FRACTION",
      converter = NumberConverters.Fraction.class, description = "Fail when fewer sampled vectors find themselves (default: ${DEFAULT-VALUE}).")
  double minSelfRecall;

  @Override
  public Integer call() throws Exception {
    PrintStream out = parent.out;
    // Reading onto the heap verifies the checksum of every section.
    try (HnswIndex index = HnswIndex.open(indexFile)) {
      out.println("checksum         ok");
      IntegrityReport report = index.checkIntegrity();
      out.println("invariants       " + (report.ok() ? "ok: " : "FAILED: ") + report);
      long[] all = index.ids().toArray();
      long[] ids = sampleIds(all, sample);
      double selfRecall = selfRecall(index, ids);
      boolean selfOk = selfRecall >= minSelfRecall;
      if (all.length == 0) {
        out.println("self-search      ok: the index holds no vectors");
      } else {
        out.printf(Locale.ROOT, "self-search      %s: %.4f of %s find themselves%n",
            selfOk ? "ok" : "FAILED", selfRecall, ids.length == all.length
                ? "all " + all.length + " vectors" : ids.length + " sampled vectors");
      }
      if (!report.ok() || !selfOk) {
        parent.err.println("hnsw4j verify: " + indexFile + " has problems");
        return Main.EXIT_FAILURE;
      }
      out.println(indexFile + ": ok");
    }
    return 0;
  }

  /** All the ids when there are no more than {@code sample}, else that many distinct ones. */
  static long[] sampleIds(long[] ids, int sample) {
    if (ids.length <= sample) {
      return ids;
    }
    // The first steps of a seeded Fisher-Yates shuffle: a reproducible sample without repeats.
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < sample; i++) {
      int j = i + random.nextInt(ids.length - i);
      long swap = ids[i];
      ids[i] = ids[j];
      ids[j] = swap;
    }
    return Arrays.copyOf(ids, sample);
  }

  /** Fraction of the given vectors whose own id, or an exact duplicate, comes back first. */
  static double selfRecall(HnswIndex index, long[] ids) {
    if (ids.length == 0) {
      return 1;
    }
    int found = 0;
    for (long id : ids) {
      List<SearchResult> hits = index.search(index.vector(id), 1, Math.max(100, index.defaultEf()));
      if (!hits.isEmpty() && (hits.getFirst().id() == id || hits.getFirst().distance() <= 1e-6f)) {
        found++;
      }
    }
    return (double) found / ids.length;
  }
}
