package io.hnsw4j.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results.md section that sets each library's QPS beside what its searches do: distance
 * computations, hops and bytes read per query at a target recall, and the physical limit those
 * bytes allow at the measured bandwidth. Read off each curve between the two points around the
 * target recall, linearly in recall.
 */
final class WorkTable {
  /** The recall at which the work is read off the curves. */
  static final double RECALL = 0.95;

  private WorkTable() {}

  static void render(StringBuilder md, Map<String, List<BenchRow>> byLibrary, BenchRow first) {
    if (byLibrary.values().stream().flatMap(List::stream).noneMatch(r -> r.work().known())) {
      return;
    }
    md.append(String.format(Locale.ROOT, "%n## Work per query at recall@%d = %.2f%n%n", first.k(), RECALL));
    if (first.bandwidthGBs() > 0) {
      md.append(String.format(Locale.ROOT, "Memory bandwidth, one thread, sequential read: %.1f GB/s."
          + " The limit is that bandwidth over the bytes a search reads (vectors or codes and links,"
          + " from record sizes); measured QPS as a share of it.%n%n", first.bandwidthGBs()));
    }
    md.append("| library | distances | hops | KiB read | limit QPS | QPS | share of limit |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, List<BenchRow>> e : byLibrary.entrySet()) {
      double[] at = atRecall(e.getValue(), RECALL);
      md.append("| ").append(e.getKey()).append(" | ");
      if (at == null) {
        md.append("? | ? | ? | ? | ? | ? |\n");
        continue;
      }
      double limit = first.bandwidthGBs() > 0 ? first.bandwidthGBs() * 1e9 / at[2] : -1;
      double qps = MarkdownReport.qpsAtRecall(e.getValue(), RECALL);
      md.append(String.format(Locale.ROOT, "%.0f | %.0f | %.1f | %s | %.0f | %s |%n", at[0], at[1],
          at[2] / 1024, limit < 0 ? "?" : String.format(Locale.ROOT, "%.0f", limit), qps,
          limit < 0 ? "?" : String.format(Locale.ROOT, "%.1f%%", 100 * qps / limit)));
    }
  }

  /**
   * Distances, hops and bytes per query where the curve first reaches {@code target}, or null
   * when it never does or the work is unknown there.
   */
  static double[] atRecall(List<BenchRow> curve, double target) {
    List<BenchRow> points = new ArrayList<>(curve);
    points.sort((a, b) -> Integer.compare(a.ef(), b.ef()));
    for (int i = 0; i < points.size(); i++) {
      BenchRow b = points.get(i);
      if (b.recall() + 1e-12 < target) {
        continue;
      }
      if (!b.work().known()) {
        return null;
      }
      BenchRow a = i == 0 ? null : points.get(i - 1);
      if (a == null || !a.work().known() || b.recall() <= a.recall()) {
        return new double[] {b.work().distances(), b.work().hops(), b.work().bytes()};
      }
      double t = (target - a.recall()) / (b.recall() - a.recall());
      return new double[] {
        a.work().distances() + t * (b.work().distances() - a.work().distances()),
        a.work().hops() + t * (b.work().hops() - a.work().hops()),
        a.work().bytes() + t * (b.work().bytes() - a.work().bytes())
      };
    }
    return null;
  }
}
