package io.hnsw4j.cli.analyze;

import io.hnsw4j.DataDiagnostics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the diagnostics mean for M and ef, told by the data sets hnsw4j measured
 * (docs/insertion-order.md), not by rules of thumb: the beam width each needed for a recall, and
 * the data set whose mean LID is nearest to this one's.
 */
final class AnalyzeAdvice {
  /**
   * One measured data set: recall@10 of 1,000 held-out queries against exact neighbours, M 16 and
   * efConstruction 100, single-threaded build in the given order (median of the seeds).
   *
   * @param name the data set
   * @param size its vectors
   * @param meanLid mean LID (k = 20) of a sample of 2,000 points
   * @param hubness skewness of N_20 among those 2,000 points
   * @param ef95 smallest ef measured with recall@10 >= 0.95
   * @param ef99 smallest ef measured with recall@10 >= 0.99
   */
  record Reference(String name, int size, double meanLid, double hubness, int ef95, int ef99) {}

  // Measured by scripts/order-experiment.sh (given order, median of the seeds); see
  // docs/insertion-order.md.
  static final List<Reference> MEASURED = List.of(
      new Reference("Fashion-MNIST", 60_000, 17.85, 1.23, 20, 40),
      new Reference("minilm-gcide", 100_000, 17.12, 1.45, 40, 160),
      new Reference("glove-100 (100k sample)", 100_000, 33.09, 3.63, 160, 640));

  private AnalyzeAdvice() {}

  static List<String> lines(DataDiagnostics d) {
    List<String> lines = new ArrayList<>();
    double lid = d.lid().mean();
    if (!Double.isFinite(lid)) {
      lines.add("Too few distinct points to estimate LID; no advice.");
      return lines;
    }
    StringBuilder measured = new StringBuilder(
        "Recall at a fixed M and ef falls as LID rises, though not by LID alone (size, hubness and the"
            + " queries count too). Measured at M 16, efConstruction 100, recall@10 (docs/insertion-order.md):");
    for (Reference r : MEASURED) {
      measured.append(String.format(Locale.ROOT, " %s, mean LID %.1f: ef %d for 0.95, ef %d for 0.99;", r.name(),
          r.meanLid(), r.ef95(), r.ef99()));
    }
    lines.add(measured.substring(0, measured.length() - 1) + ".");
    Reference nearest = MEASURED.stream()
        .min(Comparator.comparingDouble(r -> Math.abs(r.meanLid() - lid))).orElseThrow();
    Reference hardest = MEASURED.stream().max(Comparator.comparingDouble(Reference::meanLid)).orElseThrow();
    if (lid > hardest.meanLid() * 1.1) {
      lines.add(String.format(Locale.ROOT,
          "Mean LID %.1f is above every data set measured (the highest, %s, needed ef %d for 0.95 at M 16):"
              + " expect to need a wider beam, or a larger M (more links per node), and measure with hnsw4j bench.",
          lid, hardest.name(), hardest.ef95()));
    } else {
      lines.add(String.format(Locale.ROOT,
          "Mean LID %.1f is nearest to %s (%.1f): start from ef %d for recall@10 0.95 at M 16, efConstruction 100,"
              + " and check on your queries with hnsw4j bench (recall also falls as the set grows).", lid,
          nearest.name(), nearest.meanLid(), nearest.ef95()));
    }
    lines.add(String.format(Locale.ROOT,
        "Hubness %.2f (%.1f%% anti-hubs, points in no one's %d nearest neighbours). For comparison: %s.",
        d.hubness().skewness(), 100 * d.hubness().antiHubFraction(), d.hubness().k(),
        String.join(", ", MEASURED.stream().map(r -> String.format(Locale.ROOT, "%s %.2f", r.name(), r.hubness()))
            .toList())));
    return lines;
  }
}
