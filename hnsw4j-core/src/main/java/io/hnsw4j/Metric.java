package io.hnsw4j;

import java.util.Objects;

/**
 * How distances are measured. The three built-in metrics have SIMD kernels; {@link #custom} wraps
 * any {@link DistanceFunction} (the paper's general metric space).
 *
 * <ul>
 *   <li>{@link #L2}: squared Euclidean distance.
 *   <li>{@link #INNER_PRODUCT}: {@code 1 - dot(a, b)}, for maximum inner product search; vectors
 *       are stored as given.
 *   <li>{@link #COSINE}: {@code 1 - cos(a, b)}; vectors and queries are normalised to unit length
 *       when they come in, so stored vectors read back normalised. A zero vector is rejected.
 * </ul>
 */
public final class Metric {
  /** Squared Euclidean distance. */
  public static final Metric L2 = new Metric("l2", Kind.L2, null);
  /** One minus the dot product (maximum inner product search). */
  public static final Metric INNER_PRODUCT = new Metric("ip", Kind.INNER_PRODUCT, null);
  /** One minus the cosine similarity; vectors are normalised on the way in. */
  public static final Metric COSINE = new Metric("cosine", Kind.COSINE, null);

  /** What kind of metric this is: built-in kinds have SIMD kernels. */
  public enum Kind {
    /** Squared Euclidean distance. */
    L2,
    /** One minus the dot product. */
    INNER_PRODUCT,
    /** One minus the cosine similarity. */
    COSINE,
    /** A caller's {@link DistanceFunction}. */
    CUSTOM
  }

  private final String name;
  private final Kind kind;
  private final DistanceFunction function;

  private Metric(String name, Kind kind, DistanceFunction function) {
    this.name = name;
    this.kind = kind;
    this.function = function;
  }

  /**
   * A metric computed by the given function. The name is stored in saved index files; opening such
   * a file needs the same metric to be supplied again.
   */
  /**
   * A metric of the caller's: smaller is closer, never NaN. An index saved with it can be opened
   * only by passing a metric of the same name ({@link OpenOptions#withCustomMetric}).
   *
   * @param name its name, stored in index files; not blank and not a built-in name
   * @param function the distance
   * @return the metric
   */
  public static Metric custom(String name, DistanceFunction function) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
    if (name.isBlank()) {
      throw new IllegalArgumentException("custom metric name must not be blank");
    }
    if (byName(name) != null) {
      throw new IllegalArgumentException("custom metric name '" + name + "' is a built-in metric");
    }
    return new Metric(name, Kind.CUSTOM, function);
  }

  /**
   * The built-in metric with this name, case-insensitive: l2/euclidean/sql2,
   * ip/inner_product/dot/mips, cosine/angular/cos.
   *
   * @param name a name
   * @return the metric, or null if no built-in metric has that name
   */
  public static Metric byName(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "l2", "euclidean", "sql2" -> L2;
      case "ip", "inner_product", "dot", "mips" -> INNER_PRODUCT;
      case "cosine", "angular", "cos" -> COSINE;
      default -> null;
    };
  }

  /**
   * The metric's name.
   *
   * @return "l2", "ip", "cosine" or the custom name
   */
  public String name() {
    return name;
  }

  /**
   * The metric's kind.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The caller's function of a custom metric.
   *
   * @return the function, or null for a built-in metric
   */
  public DistanceFunction function() {
    return function;
  }

  /**
   * Whether vectors and queries are normalised to unit length on the way in (cosine).
   *
   * @return whether vectors are normalised
   */
  public boolean normalizes() {
    return kind == Kind.COSINE;
  }

  @Override
  public String toString() {
    return name;
  }
}
