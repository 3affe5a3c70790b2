package io.hnsw4j.cli;

import io.hnsw4j.Metric;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads --metric: l2, cosine or ip (and the synonyms {@link Metric#byName} knows). */
public final class MetricConverter implements ITypeConverter<Metric> {
  @Override
  public Metric convert(String value) {
    Metric metric = Metric.byName(value);
    if (metric == null) {
      throw new TypeConversionException("unknown metric '" + value + "'; use l2, cosine or ip");
    }
    return metric;
  }

  /** The metric an ann-benchmarks HDF5 file's "distance" attribute names, or null. */
  public static Metric fromAnnBenchmarks(String distance) {
    if (distance == null) {
      return null;
    }
    return switch (distance.toLowerCase(java.util.Locale.ROOT)) {
      case "euclidean", "l2" -> Metric.L2;
      case "angular", "cosine" -> Metric.COSINE;
      case "dot", "ip", "inner_product" -> Metric.INNER_PRODUCT;
      default -> null;
    };
  }
}
