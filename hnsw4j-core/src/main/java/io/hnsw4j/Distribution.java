package io.hnsw4j;

import java.util.Arrays;

/**
 * A summary of many values (norms, LID estimates): count, extremes, mean, quantiles and a
 * histogram. Values that are NaN (an undefined estimate) are counted apart and left out of
 * everything else. Immutable and thread-safe.
 */
public final class Distribution {
  private final double[] sorted;
  private final int undefined;

  private Distribution(double[] sorted, int undefined) {
    this.sorted = sorted;
    this.undefined = undefined;
  }

  /**
   * Summarises the values (copied).
   *
   * @param values any values; NaN counts as undefined
   * @return the summary
   * @throws IllegalArgumentException if values is null or holds an infinity
   */
  public static Distribution of(double[] values) {
    if (values == null) {
      throw new IllegalArgumentException("values must not be null");
    }
    double[] defined = new double[values.length];
    int count = 0;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isInfinite(v)) {
        throw new IllegalArgumentException("values[" + i + "] is " + v);
      }
      if (!Double.isNaN(v)) {
        defined[count++] = v;
      }
    }
    double[] sorted = Arrays.copyOf(defined, count);
    Arrays.sort(sorted);
    return new Distribution(sorted, values.length - count);
  }

  /**
   * How many defined values there are.
   *
   * @return the count, NaN values not included
   */
  public int count() {
    return sorted.length;
  }

  /**
   * How many values were NaN (undefined).
   *
   * @return the count of undefined values
   */
  public int undefined() {
    return undefined;
  }

  /**
   * The smallest value.
   *
   * @return the minimum, or NaN if there is no defined value
   */
  public double min() {
    return sorted.length == 0 ? Double.NaN : sorted[0];
  }

  /**
   * The largest value.
   *
   * @return the maximum, or NaN if there is no defined value
   */
  public double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }

  /**
   * The arithmetic mean.
   *
   * @return the mean, or NaN if there is no defined value
   */
  public double mean() {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    return sum / sorted.length;
  }

  /**
   * A quantile, interpolated linearly between the two nearest ranks.
   *
   * @param q in [0, 1]: 0.5 is the median
   * @return the quantile, or NaN if there is no defined value
   * @throws IllegalArgumentException if q is outside [0, 1]
   */
  public double quantile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in [0, 1], got " + q);
    }
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    double fraction = position - below;
    return sorted[below] + fraction * (sorted[above] - sorted[below]);
  }

  /**
   * Counts of the values in {@code bins} equal-width bins from {@code low} to {@code high};
   * values below low go into the first bin, values above high into the last.
   *
   * @param bins number of bins, 1..10,000
   * @param low the lower edge of the first bin
   * @param high the upper edge of the last bin, above low
   * @return the count of each bin
   * @throws IllegalArgumentException if bins is out of range or high is not above low
   */
  public long[] histogram(int bins, double low, double high) {
    if (bins < 1 || bins > 10_000) {
      throw new IllegalArgumentException("bins must be in 1..10000, got " + bins);
    }
    if (!(high > low) || Double.isInfinite(high - low)) {
      throw new IllegalArgumentException("high (" + high + ") must be above low (" + low + ")");
    }
    long[] counts = new long[bins];
    double width = (high - low) / bins;
    for (double v : sorted) {
      int bin = (int) Math.floor((v - low) / width);
      counts[Math.clamp(bin, 0, bins - 1)]++;
    }
    return counts;
  }

  /**
   * The defined values, ascending.
   *
   * @return a copy of them
   */
  public double[] sortedValues() {
    return sorted.clone();
  }
}
