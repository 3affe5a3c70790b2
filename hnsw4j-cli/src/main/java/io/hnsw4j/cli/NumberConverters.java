package io.hnsw4j.cli;

import io.hnsw4j.IndexConfig;
import io.hnsw4j.IntrinsicDimensionality;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters that check a numeric option's range while the command line is read: a value out of
 * range is a usage error (exit status 2) that names the option, before any file is touched. Each
 * option of the commands names the converter of its range.
 */
public final class NumberConverters {
  /** The most threads an option accepts (the core's own limit for bulk adds and searches). */
  public static final int MAX_THREADS = 4096;

  private NumberConverters() {}

  /** A count of at least 1: limits, runs, samples. */
  public static final class Positive extends WholeNumber {
    /** Creates the converter (picocli does). */
    public Positive() {
      super(1, Integer.MAX_VALUE);
    }
  }

  /** A count of 0 or more: warm-up passes, milliseconds. */
  public static final class NonNegative extends WholeNumber {
    /** Creates the converter (picocli does). */
    public NonNegative() {
      super(0, Integer.MAX_VALUE);
    }
  }

  /** A neighbour count or beam width (k, ef, efConstruction): 1 to {@link IndexConfig#MAX_EF}. */
  public static final class BeamWidth extends WholeNumber {
    /** Creates the converter (picocli does). */
    public BeamWidth() {
      super(1, IndexConfig.MAX_EF);
    }
  }

  /** Neighbours of the LID estimator: 2 to {@link IntrinsicDimensionality#MAX_K}. */
  public static final class LidNeighbours extends WholeNumber {
    /** Creates the converter (picocli does). */
    public LidNeighbours() {
      super(2, IntrinsicDimensionality.MAX_K);
    }
  }

  /** Bars of a histogram: 2 to 200. */
  public static final class HistogramBins extends WholeNumber {
    /** Creates the converter (picocli does). */
    public HistogramBins() {
      super(2, 200);
    }
  }

  /** Links per node (M): 2 to {@link IndexConfig#MAX_M}. */
  public static final class Links extends WholeNumber {
    /** Creates the converter (picocli does). */
    public Links() {
      super(2, IndexConfig.MAX_M);
    }
  }

  /** A thread count: 1 to {@link #MAX_THREADS}. */
  public static final class Threads extends WholeNumber {
    /** Creates the converter (picocli does). */
    public Threads() {
      super(1, MAX_THREADS);
    }
  }

  /** A TCP port: 0 (any free port) to 65535. */
  public static final class Port extends WholeNumber {
    /** Creates the converter (picocli does). */
    public Port() {
      super(0, 65_535);
    }
  }

  /** A fraction from 0 to 1. */
  public static final class Fraction implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double fraction = number(value);
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new TypeConversionException("must be a fraction from 0 to 1, got " + value);
      }
      return fraction;
    }
  }

  /** A finite number, 0 or more. */
  public static final class NonNegativeNumber implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double number = number(value);
      if (!(number >= 0 && number < Double.POSITIVE_INFINITY)) {
        throw new TypeConversionException("must be a finite number >= 0, got " + value);
      }
      return number;
    }
  }

  /** A duration in seconds: finite, 0 or more. */
  public static final class Seconds implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double seconds = number(value);
      if (!(seconds >= 0 && seconds < Double.POSITIVE_INFINITY)) {
        throw new TypeConversionException("must be a number of seconds >= 0, got " + value);
      }
      return seconds;
    }
  }

  /** A whole number from {@code min} to {@code max}, both included. */
  abstract static class WholeNumber implements ITypeConverter<Integer> {
    private final int min;
    private final int max;

    WholeNumber(int min, int max) {
      this.min = min;
      this.max = max;
    }

    @Override
    public Integer convert(String text) {
      String range = max == Integer.MAX_VALUE ? ">= " + min : "in " + min + ".." + max;
      int value;
      try {
        value = Integer.parseInt(text.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + text + "' is not a whole number " + range);
      }
      if (value < min || value > max) {
        throw new TypeConversionException("must be " + range + ", got " + value);
      }
      return value;
    }
  }

  private static double number(String text) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + text + "' is not a number");
    }
  }
}
