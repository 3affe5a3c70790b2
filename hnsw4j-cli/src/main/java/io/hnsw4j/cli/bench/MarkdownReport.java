package io.hnsw4j.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** results.md: build times and memory, QPS at fixed recalls, and the whole ef sweep. */
public final class MarkdownReport {
  /** The recalls at which the summary reads QPS off each curve. */
  public static final double[] TARGET_RECALLS = {0.90, 0.95, 0.99};

  private MarkdownReport() {}

  public static String render(List<BenchRow> rows, int threads, String machine) {
    Map<String, List<BenchRow>> byLibrary = byLibrary(rows);
    BenchRow first = rows.getFirst();
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT,
        "# %s: n = %d, dim = %d, metric = %s, M = %d, efConstruction = %d, k = %d%n%n",
        first.dataset(), first.n(), first.dim(), first.metric(), first.m(),
        first.efConstruction(), first.k()));
    if (machine != null) {
      md.append(machine).append("\n\n");
    }
    md.append(String.format(Locale.ROOT,
        "## Single-thread QPS at recall@%d (interpolated on the curve)%n%n", first.k()));
    md.append("| library |");
    for (double r : TARGET_RECALLS) {
      md.append(String.format(Locale.ROOT, " %.2f |", r));
    }
    md.append(" build 1 thread (s) | build ").append(threads)
        .append(" threads (s) | memory (MiB) |\n");
    md.append("|---|").append("---:|".repeat(TARGET_RECALLS.length + 3)).append('\n');
    for (Map.Entry<String, List<BenchRow>> e : byLibrary.entrySet()) {
      BenchRow any = e.getValue().getFirst();
      md.append("| ").append(e.getKey()).append(" |");
      for (double r : TARGET_RECALLS) {
        double qps = qpsAtRecall(e.getValue(), r);
        md.append(Double.isNaN(qps)
            ? " not reached |"
            : String.format(Locale.ROOT, " %.0f |", qps));
      }
      md.append(String.format(Locale.ROOT, " %.2f | %s | %s |%n", any.buildS1t(),
          any.buildSNt() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", any.buildSNt()),
          any.memoryBytes() < 0 ? "?"
              : String.format(Locale.ROOT, "%.1f", any.memoryBytes() / 1048576.0)));
    }
    WorkTable.render(md, byLibrary, first);
    md.append(String.format(Locale.ROOT, "%n## Sweep%n%n| library | ef | recall@%d | QPS 1 thread"
        + " | QPS %d threads | p50 (ms) | p99 (ms) | distances | hops | KiB read | limit QPS |%n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
        first.k(), threads));
    for (BenchRow r : rows) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.0f | %.0f | %.3f | %.3f | %s |%n",
          r.library(), r.ef(), r.recall(), r.qps1t(), r.qpsNt(), r.p50Ms(), r.p99Ms(),
          r.work().known()
              ? String.format(Locale.ROOT, "%.0f | %.0f | %.1f | %s", r.work().distances(),
                  r.work().hops(), r.work().bytes() / 1024,
                  r.limitQps() < 0 ? "?" : String.format(Locale.ROOT, "%.0f", r.limitQps()))
              : "? | ? | ? | ?"));
    }
    return md.toString();
  }

  /**
   * Single-thread QPS where the curve (points in ef order) first reaches {@code target} recall,
   * interpolated between the two points around it (linearly in recall, geometrically in QPS).
   * When the smallest ef already reaches it, that point's QPS; NaN when no point does.
   */
  public static double qpsAtRecall(List<BenchRow> curve, double target) {
    List<BenchRow> points = new ArrayList<>(curve);
    points.sort((a, b) -> Integer.compare(a.ef(), b.ef()));
    for (int i = 0; i < points.size(); i++) {
      BenchRow b = points.get(i);
      if (b.recall() + 1e-12 >= target) {
        if (i == 0) {
          return b.qps1t();
        }
        BenchRow a = points.get(i - 1);
        if (b.recall() <= a.recall()) {
          return b.qps1t();
        }
        double t = (target - a.recall()) / (b.recall() - a.recall());
        return Math.exp(Math.log(a.qps1t()) + t * (Math.log(b.qps1t()) - Math.log(a.qps1t())));
      }
    }
    return Double.NaN;
  }

  static Map<String, List<BenchRow>> byLibrary(List<BenchRow> rows) {
    Map<String, List<BenchRow>> map = new LinkedHashMap<>();
    for (BenchRow r : rows) {
      map.computeIfAbsent(r.library(), x -> new ArrayList<>()).add(r);
    }
    return map;
  }
}
