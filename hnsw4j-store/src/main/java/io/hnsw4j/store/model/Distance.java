package io.hnsw4j.store.model;

import io.hnsw4j.Metric;
import java.util.Locale;

/**
 * How a collection measures vectors, with Qdrant's names and scores. Cosine and Dot report a
 * similarity (higher is better: 1 - the core's distance); Euclid reports the distance (the square
 * root of the core's squared L2) and Manhattan the L1 distance (lower is better). A score threshold
 * keeps scores at or above it for similarities, at or below it for distances.
 */
public enum Distance {
  COSINE("Cosine"),
  EUCLID("Euclid"),
  DOT("Dot"),
  MANHATTAN("Manhattan");

  /** Name under which the Manhattan metric is stored in index files (and must be supplied again). */
  public static final String MANHATTAN_METRIC_NAME = "manhattan";

  private static final Metric MANHATTAN_METRIC = Metric.custom(MANHATTAN_METRIC_NAME, Distance::manhattan);

  private final String qdrantName;

  Distance(String qdrantName) {
    this.qdrantName = qdrantName;
  }

  /** Qdrant's name: Cosine, Euclid, Dot, Manhattan. */
  public String qdrantName() {
    return qdrantName;
  }

  /** Parses Qdrant's name, ignoring case; BAD_REQUEST for anything else. */
  public static Distance parse(String name) {
    if (name != null) {
      for (Distance d : values()) {
        if (d.qdrantName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
          return d;
        }
      }
    }
    throw StoreException.badRequest("unknown distance '" + name + "'; expected one of Cosine, Euclid, Dot, Manhattan");
  }

  /** The hnsw4j metric behind it (Manhattan is a custom metric). */
  public Metric metric() {
    return switch (this) {
      case COSINE -> Metric.COSINE;
      case EUCLID -> Metric.L2;
      case DOT -> Metric.INNER_PRODUCT;
      case MANHATTAN -> MANHATTAN_METRIC;
    };
  }

  /** Whether scores are similarities (higher is better) rather than distances. */
  public boolean higherIsBetter() {
    return this == COSINE || this == DOT;
  }

  /** Qdrant's score for a distance reported by hnsw4j. */
  public float score(float coreDistance) {
    return switch (this) {
      case COSINE, DOT -> 1f - coreDistance;
      case EUCLID -> (float) Math.sqrt(Math.max(0f, coreDistance));
      case MANHATTAN -> coreDistance;
    };
  }

  /** Whether a score passes a threshold: at least it for similarities, at most it for distances. */
  public boolean passes(float score, float threshold) {
    return higherIsBetter() ? score >= threshold : score <= threshold;
  }

  private static float manhattan(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum;
  }
}
