package io.hnsw4j.cli.analyze;

import io.hnsw4j.Distribution;
import java.util.Locale;

/**
 * LID estimates in equal bins of a round width (1, 2, 2.5 or 5 times a power of ten) that cover
 * the smallest value up to the 99th percentile; the last bin also holds the few values above it,
 * so that one far outlier does not squash the rest into a single bar.
 *
 * @param low lower edge of the first bin
 * @param high upper edge of the last bin
 * @param open whether the last bin also holds values above high
 * @param counts values per bin
 */
public record LidHistogram(double low, double high, boolean open, long[] counts) {
  private static final double[] ROUND = {1, 2, 2.5, 5, 10};

  /** Bins the distribution into at most {@code maxBins} bars; an empty one gives one empty bar. */
  static LidHistogram of(Distribution lid, int maxBins) {
    if (lid.count() == 0) {
      return new LidHistogram(0, 1, false, new long[1]);
    }
    double top = lid.quantile(0.99);
    double width = roundUp((top - lid.min()) / maxBins);
    double low = Math.floor(lid.min() / width) * width;
    int bins = Math.clamp((long) Math.ceil((top - low) / width), 1, maxBins);
    double high = low + bins * width;
    return new LidHistogram(low, high, lid.max() > high, lid.histogram(bins, low, high));
  }

  /** The smallest of 1, 2, 2.5, 5 times a power of ten at or above x (1 for x = 0). */
  static double roundUp(double x) {
    if (!(x > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(x)));
    for (double r : ROUND) {
      if (r * power >= x * (1 - 1e-12)) {
        return r * power;
      }
    }
    return 10 * power;
  }

  /**
   * The lower edge of a bin.
   *
   * @param i the bin, 0..counts.length (counts.length gives the upper edge of the last)
   * @return its lower edge
   */
  public double edge(int i) {
    return low + (high - low) * i / counts.length;
  }

  /**
   * A bin's label, such as "12-14", or "40+" for an open last bin.
   *
   * @param i the bin
   * @return the label
   */
  public String label(int i) {
    return open && i == counts.length - 1 ? number(edge(i)) + "+" : number(edge(i)) + "-" + number(edge(i + 1));
  }

  private static String number(double x) {
    return Math.abs(x - Math.rint(x)) < 1e-9 ? String.format(Locale.ROOT, "%.0f", x)
        : String.format(Locale.ROOT, "%.2f", x).replaceAll("0+$", "");
  }
}
