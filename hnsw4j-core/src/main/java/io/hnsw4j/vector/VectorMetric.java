package io.hnsw4j.vector;

import java.util.Objects;

/**
 * How the vector layer scores: squared L2, {@code 1 - dot} (inner product, and cosine on vectors
 * normalised on the way in), or a caller's function. The facade maps its public metric onto this,
 * so nothing below the facade depends on the public API.
 *
 * @param kind the kernel family
 * @param name the metric's name, for messages
 * @param custom the caller's function; only for {@link Kind#CUSTOM}
 */
public record VectorMetric(Kind kind, String name, CustomDistance custom) {
  /** The kernel families. */
  public enum Kind {
    /** Squared Euclidean distance. */
    L2,
    /** One minus the dot product. */
    DOT,
    /** A caller-supplied function of two float arrays. */
    CUSTOM
  }

  /** A caller-supplied distance: smaller is closer, never NaN. */
  @FunctionalInterface
  public interface CustomDistance {
    /** The distance between two vectors of the index's dimension. */
    float distance(float[] a, float[] b);
  }

  /** Checks that a custom function comes with the custom kind and only with it. */
  public VectorMetric {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if ((kind == Kind.CUSTOM) != (custom != null)) {
      throw new IllegalArgumentException("a custom function goes with Kind.CUSTOM only");
    }
  }
}
