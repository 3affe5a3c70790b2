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
    L2,
    INNER_PRODUCT,
    COSINE,
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

  /** The built-in metric with this name ("l2", "ip"/"inner_product"/"dot", "cosine"/"angular"), or null. */
  public static Metric byName(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "l2", "euclidean", "sql2" -> L2;
      case "ip", "inner_product", "dot", "mips" -> INNER_PRODUCT;
      case "cosine", "angular", "cos" -> COSINE;
      default -> null;
    };
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** The user's function for a custom metric, null for the built-in ones. */
  public DistanceFunction function() {
    return function;
  }

  /** Whether vectors are normalised to unit length when they enter the index. */
  public boolean normalizes() {
    return kind == Kind.COSINE;
  }

  @Override
  public String toString() {
    return name;
  }
}
