package io.hnsw4j;

import io.hnsw4j.internal.Limits;
import java.util.Objects;

/**
 * How an {@link HnswIndex} is built and searched. Create one with {@link #builder(int)}; every
 * field is checked when built, and a bad value throws {@link IllegalArgumentException} naming it.
 *
 * @param dimension number of components of every vector (1 .. 65,536)
 * @param metric how distances are measured
 * @param m links per node on the upper layers (the paper's M; layer 0 keeps 2M); 2 .. 512
 * @param efConstruction beam width while inserting; raised to at least {@code m}
 * @param efSearch default beam width for {@code search(query, k)}; the search uses max(ef, k)
 * @param initialCapacity vectors to reserve room for; the index grows past it on demand
 * @param seed seed of the level generator: a single-threaded build with the same seed and input
 *     gives the same graph
 * @param extendCandidates the paper's extendCandidates option of Algorithm 4 (off by default)
 * @param keepPrunedConnections the paper's keepPrunedConnections option of Algorithm 4 (off by
 *     default)
 * @param maxDeletedFraction removed nodes, as a fraction of all nodes, past which the graph is
 *     repaired and their slots compacted automatically (0 &lt; f &lt;= 1; 1 means only on request)
 */
public record IndexConfig(
    int dimension,
    Metric metric,
    int m,
    int efConstruction,
    int efSearch,
    int initialCapacity,
    long seed,
    boolean extendCandidates,
    boolean keepPrunedConnections,
    double maxDeletedFraction) {

  public static final int MAX_DIMENSION = Limits.MAX_DIMENSION;
  public static final int MAX_M = Limits.MAX_M;
  /** Upper bound of any beam width (ef): larger values are almost certainly a mistake. */
  public static final int MAX_EF = Limits.MAX_EF;

  public IndexConfig {
    Objects.requireNonNull(metric, "metric");
    if (dimension < 1 || dimension > MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "dimension must be in 1.." + MAX_DIMENSION + ", got " + dimension);
    }
    if (m < 2 || m > MAX_M) {
      throw new IllegalArgumentException("m must be in 2.." + MAX_M + ", got " + m);
    }
    if (efConstruction < 1 || efConstruction > MAX_EF) {
      throw new IllegalArgumentException(
          "efConstruction must be in 1.." + MAX_EF + ", got " + efConstruction);
    }
    if (efSearch < 1 || efSearch > MAX_EF) {
      throw new IllegalArgumentException("efSearch must be in 1.." + MAX_EF + ", got " + efSearch);
    }
    if (initialCapacity < 0) {
      throw new IllegalArgumentException("initialCapacity must be >= 0, got " + initialCapacity);
    }
    if (!(maxDeletedFraction > 0 && maxDeletedFraction <= 1)) {
      throw new IllegalArgumentException(
          "maxDeletedFraction must be in (0, 1], got " + maxDeletedFraction);
    }
    efConstruction = Math.max(efConstruction, m);
  }

  /** A builder with the defaults: L2, M = 16, efConstruction = 200, efSearch = 100. */
  public static Builder builder(int dimension) {
    return new Builder(dimension);
  }

  /** A builder that starts from this config. */
  public Builder toBuilder() {
    return new Builder(dimension)
        .metric(metric)
        .m(m)
        .efConstruction(efConstruction)
        .efSearch(efSearch)
        .initialCapacity(initialCapacity)
        .seed(seed)
        .extendCandidates(extendCandidates)
        .keepPrunedConnections(keepPrunedConnections)
        .maxDeletedFraction(maxDeletedFraction);
  }

  /** Maximum links per node on layer 0 (2M, as in the paper and hnswlib). */
  public int maxLinksLayer0() {
    return 2 * m;
  }

  /** The paper's level multiplier mL = 1 / ln(M). */
  public double levelMultiplier() {
    return 1.0 / Math.log(m);
  }

  /** Fills an {@link IndexConfig}; unset fields keep their defaults. */
  public static final class Builder {
    private final int dimension;
    private Metric metric = Metric.L2;
    private int m = 16;
    private int efConstruction = 200;
    private int efSearch = 100;
    private int initialCapacity = 1024;
    private long seed = 42;
    private boolean extendCandidates;
    private boolean keepPrunedConnections;
    private double maxDeletedFraction = 0.1;

    private Builder(int dimension) {
      this.dimension = dimension;
    }

    public Builder metric(Metric metric) {
      this.metric = metric;
      return this;
    }

    public Builder m(int m) {
      this.m = m;
      return this;
    }

    public Builder efConstruction(int efConstruction) {
      this.efConstruction = efConstruction;
      return this;
    }

    public Builder efSearch(int efSearch) {
      this.efSearch = efSearch;
      return this;
    }

    public Builder initialCapacity(int initialCapacity) {
      this.initialCapacity = initialCapacity;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder extendCandidates(boolean extendCandidates) {
      this.extendCandidates = extendCandidates;
      return this;
    }

    public Builder keepPrunedConnections(boolean keepPrunedConnections) {
      this.keepPrunedConnections = keepPrunedConnections;
      return this;
    }

    public Builder maxDeletedFraction(double maxDeletedFraction) {
      this.maxDeletedFraction = maxDeletedFraction;
      return this;
    }

    public IndexConfig build() {
      return new IndexConfig(
          dimension,
          metric,
          m,
          efConstruction,
          efSearch,
          initialCapacity,
          seed,
          extendCandidates,
          keepPrunedConnections,
          maxDeletedFraction);
    }
  }
}
