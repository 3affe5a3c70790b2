package io.hnsw4j.bench;

import io.hnsw4j.DataDiagnostics;
import io.hnsw4j.InsertionOrder;
import io.hnsw4j.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The insertion-order experiment's CSV (one row per build and ef) and Markdown summary. */
final class OrderReport {
  private OrderReport() {}

  static void writeCsv(Path file, String name, int n, int dim, Metric metric, int m, List<OrderRuns.Row> rows)
      throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("dataset,n,dim,metric,m,ef_construction,order,seed,ef,recall,build_s_1t");
    for (OrderRuns.Row r : sorted(rows)) {
      lines.add(String.format(Locale.ROOT, "%s,%d,%d,%s,%d,%d,%s,%d,%d,%.4f,%.2f", name, n, dim,
          metric.name().toLowerCase(Locale.ROOT), m, r.efConstruction(), r.order().name().toLowerCase(Locale.ROOT),
          r.seed(), r.ef(), r.recall(), r.buildSeconds()));
    }
    Files.write(file, lines);
  }

  static void writeSummary(Path file, String name, int n, int dim, int queries, Metric metric, int m, int k,
      DataDiagnostics d, List<String> lidNotes, String lidCheck, List<OrderRuns.Row> rows) throws IOException {
    List<String> out = new ArrayList<>();
    List<InsertionOrder> orders = rows.stream().map(OrderRuns.Row::order).distinct().sorted().toList();
    long seeds = rows.stream().mapToLong(OrderRuns.Row::seed).distinct().count();
    out.add(String.format(Locale.ROOT, "# Insertion order: %s (n = %d, dimension %d, %s, %d queries)", name, n, dim,
        metric.name().toLowerCase(Locale.ROOT), queries));
    out.add("");
    out.add(String.format(Locale.ROOT,
        "Data (sample of %d, k = %d): LID mean %.2f, median %.2f, 5%%-95%% %.2f-%.2f; hubness skewness %.2f,"
            + " anti-hubs %.1f%%, largest N_k %d.", d.sampleSize(), d.k(), d.lid().mean(), d.lid().quantile(0.5),
        d.lid().quantile(0.05), d.lid().quantile(0.95), d.hubness().skewness(), 100 * d.hubness().antiHubFraction(),
        d.hubness().maxOccurrence()));
    out.add("");
    lidNotes.forEach(note -> out.add("- " + note));
    out.add("- " + lidCheck);
    out.add("");
    out.add(String.format(Locale.ROOT,
        "recall@%d, M = %d, median (min-max) over %d seeds; each build single-threaded; spread = best median"
            + " minus worst median, in points.", k, m, seeds));
    out.add("");
    StringBuilder header = new StringBuilder("| efC | ef |");
    StringBuilder rule = new StringBuilder("|---:|---:|");
    for (InsertionOrder order : orders) {
      header.append(' ').append(order.name().toLowerCase(Locale.ROOT).replace('_', '-')).append(" |");
      rule.append("---:|");
    }
    out.add(header + " spread |");
    out.add(rule + "---:|");
    for (int efc : new TreeSet<>(rows.stream().map(OrderRuns.Row::efConstruction).toList())) {
      for (int ef : new TreeSet<>(rows.stream().map(OrderRuns.Row::ef).toList())) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %d | %d |", efc, ef));
        double best = Double.NEGATIVE_INFINITY;
        double worst = Double.POSITIVE_INFINITY;
        for (InsertionOrder order : orders) {
          double[] r = rows.stream().filter(x -> x.efConstruction() == efc && x.ef() == ef && x.order() == order)
              .mapToDouble(OrderRuns.Row::recall).sorted().toArray();
          double median = median(r);
          best = Math.max(best, median);
          worst = Math.min(worst, median);
          line.append(String.format(Locale.ROOT, " %.4f (%.4f-%.4f) |", median, r[0], r[r.length - 1]));
        }
        out.add(line + String.format(Locale.ROOT, " %.2f |", 100 * (best - worst)));
      }
    }
    out.add("");
    out.add("Median single-thread build seconds (builds ran side by side, so only indicative):");
    out.add("");
    for (int efc : new TreeSet<>(rows.stream().map(OrderRuns.Row::efConstruction).toList())) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "- efC %d:", efc));
      for (InsertionOrder order : orders) {
        double[] s = rows.stream().filter(x -> x.efConstruction() == efc && x.order() == order)
            .mapToDouble(OrderRuns.Row::buildSeconds).sorted().toArray();
        line.append(String.format(Locale.ROOT, " %s %.1f s;", order.name().toLowerCase(Locale.ROOT), median(s)));
      }
      out.add(line.toString());
    }
    Files.write(file, out);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static List<OrderRuns.Row> sorted(List<OrderRuns.Row> rows) {
    OrderRuns.Row[] copy = rows.toArray(OrderRuns.Row[]::new);
    Arrays.sort(copy, (a, b) -> {
      int c = Integer.compare(a.efConstruction(), b.efConstruction());
      c = c != 0 ? c : a.order().compareTo(b.order());
      c = c != 0 ? c : Long.compare(a.seed(), b.seed());
      return c != 0 ? c : Integer.compare(a.ef(), b.ef());
    });
    return List.of(copy);
  }
}
