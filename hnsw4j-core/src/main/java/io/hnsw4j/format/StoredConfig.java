package io.hnsw4j.format;

/**
 * The configuration fields an index file stores, as plain values (the facade maps them to and
 * from its public configuration).
 *
 * @param dimension vector dimension
 * @param metricCode {@link #L2}, {@link #INNER_PRODUCT}, {@link #COSINE} or {@link #CUSTOM}
 * @param customMetricName the custom metric's name; null unless the code is {@link #CUSTOM}
 * @param m M
 * @param efConstruction efConstruction
 * @param efSearch default ef of searches
 * @param extendCandidates option of the neighbour heuristic
 * @param keepPrunedConnections option of the neighbour heuristic
 * @param seed seed of the level generator
 * @param maxDeletedFraction removed fraction that triggers a repair
 * @param quantization what searches traverse: {@link #QUANTIZATION_NONE}, {@link
 *     #QUANTIZATION_INT8}, {@link #QUANTIZATION_BINARY} or {@link #QUANTIZATION_INT4}
 * @param funnelPrefixes the funnel's prefix lengths (format version 2), or null for no funnel
 * @param funnelRotation {@link #ROTATION_NONE} or {@link #ROTATION_PCA}; none without a funnel
 */
public record StoredConfig(
    int dimension,
    int metricCode,
    String customMetricName,
    int m,
    int efConstruction,
    int efSearch,
    boolean extendCandidates,
    boolean keepPrunedConnections,
    long seed,
    double maxDeletedFraction,
    int quantization,
    int[] funnelPrefixes,
    int funnelRotation) {
  /** Metric code of squared L2. */
  public static final int L2 = 0;
  /** Metric code of inner product. */
  public static final int INNER_PRODUCT = 1;
  /** Metric code of cosine. */
  public static final int COSINE = 2;
  /** Metric code of a caller's metric, named by {@link #customMetricName()}. */
  public static final int CUSTOM = 3;
  /** Searches traverse the float vectors. */
  public static final int QUANTIZATION_NONE = 0;
  /** Searches traverse int8 codes of the vectors (the flag bit 2 of files before 1-bit codes). */
  public static final int QUANTIZATION_INT8 = 1;
  /** Searches traverse 1-bit codes of the vectors. */
  public static final int QUANTIZATION_BINARY = 2;
  /** Searches traverse 4-bit codes of the vectors. */
  public static final int QUANTIZATION_INT4 = 3;
  /** Funnel prefixes of the vectors as given. */
  public static final int ROTATION_NONE = 0;
  /** Funnel prefixes of the vectors rotated onto learned principal axes. */
  public static final int ROTATION_PCA = 1;

  /** Rows of the stored rotation: the longest prefix with PCA, else 0. */
  public int rotationRows() {
    return funnelPrefixes == null || funnelRotation != ROTATION_PCA ? 0 : funnelPrefixes[funnelPrefixes.length - 1];
  }
}
