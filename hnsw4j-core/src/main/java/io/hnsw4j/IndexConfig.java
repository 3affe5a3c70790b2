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
 * @param quantization what searches traverse the graph with: the floats, or compact codes whose
 *     candidates the floats then rerank (see {@link Quantization})
 * @param insertionOrder the order in which {@link HnswIndex#addAll(long[], float[][], int)} inserts
 *     a batch (default {@link InsertionOrder#GIVEN}); a RANDOM order is shuffled with {@code
 *     seed}. A build-time choice only: it is not stored in the index file, and an index opened
 *     from a file reports the default
 * @param funnel build and traverse the graph on prefixes of the vectors, then rerank with the
 *     full vectors (see {@link Funnel}); null for none (the default). Its prefix lengths must lie
 *     within the dimension; it needs a built-in metric and no quantization. Stored in the index
 *     file, with a PCA rotation
 * @param buildOnCodes whether inserts search the graph on the quantization's codes (then score
 *     the candidates again with the floats, which select and prune the links) rather than on the
 *     floats: fewer bytes per step of a build. On by default for {@link Quantization#INT4}
 *     (builds of 100k-340k vectors 8-15% faster for recall at equal ef within 0.4 points; level
 *     at 50k, where the floats nearly fit the caches); off by default for {@link Quantization#INT8},
 *     whose builds it did not speed up, and for {@link Quantization#BINARY}, whose builds it
 *     speeds up by 28-37% for a recall at equal ef 0.2-0.9 points lower (docs/benchmarks.md);
 *     it needs a quantization. A build-time choice only: not stored in the index file, and an
 *     index opened from a file reports its quantization's default
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
    double maxDeletedFraction,
    Quantization quantization,
    InsertionOrder insertionOrder,
    Funnel funnel,
    boolean buildOnCodes) {

  /** Largest dimension. */
  public static final int MAX_DIMENSION = Limits.MAX_DIMENSION;
  /** Largest M. */
  public static final int MAX_M = Limits.MAX_M;
  /** Upper bound of any beam width (ef): larger values are almost certainly a mistake. */
  public static final int MAX_EF = Limits.MAX_EF;

  /**
   * Checks every field; efConstruction is raised to at least m.
   *
   * @throws IllegalArgumentException naming the first field out of range
   */
  public IndexConfig {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(quantization, "quantization");
    if (quantization != Quantization.NONE && metric.kind() == Metric.Kind.CUSTOM) {
      throw new IllegalArgumentException(
          "quantization " + quantization + " needs a built-in metric, not the custom metric " + metric.name());
    }
    Objects.requireNonNull(insertionOrder, "insertionOrder");
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
    if (funnel != null) {
      checkFunnel(funnel, dimension, metric, quantization);
    }
    if (buildOnCodes && quantization == Quantization.NONE) {
      throw new IllegalArgumentException("buildOnCodes needs a quantization: an index without one has no codes");
    }
    efConstruction = Math.max(efConstruction, m);
  }

  private static void checkFunnel(Funnel funnel, int dimension, Metric metric, Quantization quantization) {
    if (funnel.longestPrefix() > dimension) {
      throw new IllegalArgumentException(
          "funnel prefix length " + funnel.longestPrefix() + " exceeds the dimension " + dimension);
    }
    if (metric.kind() == Metric.Kind.CUSTOM) {
      throw new IllegalArgumentException("a funnel needs a built-in metric, not the custom metric " + metric.name());
    }
    if (quantization != Quantization.NONE) {
      throw new IllegalArgumentException(
          "a funnel and quantization " + quantization + " cannot be combined: both replace what searches"
              + " traverse; choose one");
    }
  }

  /** A builder with the defaults: L2, M = 16, efConstruction = 200, efSearch = 100. */
  /**
   * A builder with the defaults: L2, M 16, efConstruction 200, efSearch 100, initial capacity
   * 1024, seed 42, both heuristic options off, maxDeletedFraction 0.1, insertion order GIVEN, no
   * funnel, no quantization, builds on the codes as the quantization's default says.
   *
   * @param dimension the vectors' dimension
   * @return a builder
   */
  public static Builder builder(int dimension) {
    return new Builder(dimension);
  }

  /** A builder that starts from this config. */
  /**
   * A builder holding this configuration, to change some fields. A {@code buildOnCodes} equal to
   * its quantization's default is carried as the default, so it follows a quantization set later;
   * one that differs is carried as set.
   *
   * @return a builder
   */
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
        .maxDeletedFraction(maxDeletedFraction)
        .quantization(quantization)
        .insertionOrder(insertionOrder)
        .funnel(funnel)
        .buildOnCodes(buildOnCodes == defaultBuildOnCodes(quantization) ? null : buildOnCodes);
  }

  /** Whether a build walks the codes unless told: for 4-bit codes (docs/benchmarks.md). */
  static boolean defaultBuildOnCodes(Quantization quantization) {
    return quantization == Quantization.INT4;
  }

  /** Maximum links per node on layer 0 (2M, as in the paper and hnswlib). */
  /**
   * Links a node keeps on layer 0: 2M (the paper's Mmax0).
   *
   * @return 2M
   */
  public int maxLinksLayer0() {
    return 2 * m;
  }

  /** The paper's level multiplier mL = 1 / ln(M). */
  /**
   * The paper's mL = 1 / ln(M): a node's level is floor(-ln(U) * mL).
   *
   * @return mL
   */
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
    private Quantization quantization = Quantization.NONE;
    private InsertionOrder insertionOrder = InsertionOrder.GIVEN;
    private Funnel funnel;
    private Boolean buildOnCodes;

    private Builder(int dimension) {
      this.dimension = dimension;
    }

    /**
     * Sets the metric (default L2).
     *
     * @param metric the metric
     * @return this builder
     */
    public Builder metric(Metric metric) {
      this.metric = metric;
      return this;
    }

    /**
     * Sets M, links per node on the upper layers (default 16).
     *
     * @param m 2..512
     * @return this builder
     */
    public Builder m(int m) {
      this.m = m;
      return this;
    }

    /**
     * Sets the beam width of inserts (default 200).
     *
     * @param efConstruction 1..2^20, raised to at least M
     * @return this builder
     */
    public Builder efConstruction(int efConstruction) {
      this.efConstruction = efConstruction;
      return this;
    }

    /**
     * Sets the default beam width of searches (default 100).
     *
     * @param efSearch 1..2^20
     * @return this builder
     */
    public Builder efSearch(int efSearch) {
      this.efSearch = efSearch;
      return this;
    }

    /**
     * Sets how many vectors to reserve room for at once (default 1024); the index grows past it.
     *
     * @param initialCapacity 0 or more; it must fit the heap
     * @return this builder
     */
    public Builder initialCapacity(int initialCapacity) {
      this.initialCapacity = initialCapacity;
      return this;
    }

    /**
     * Sets the seed of the level generator (default 42).
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Turns the paper's extendCandidates option of Algorithm 4 on or off (default off).
     *
     * @param extendCandidates whether candidates' neighbours are considered too
     * @return this builder
     */
    public Builder extendCandidates(boolean extendCandidates) {
      this.extendCandidates = extendCandidates;
      return this;
    }

    /**
     * Turns the paper's keepPrunedConnections option of Algorithm 4 on or off (default off).
     *
     * @param keepPrunedConnections whether lists are filled up with discarded candidates
     * @return this builder
     */
    public Builder keepPrunedConnections(boolean keepPrunedConnections) {
      this.keepPrunedConnections = keepPrunedConnections;
      return this;
    }

    /**
     * Sets the fraction of removed nodes past which the graph is compacted (default 0.1).
     *
     * @param maxDeletedFraction in (0, 1]; 1 compacts only on request
     * @return this builder
     */
    public Builder maxDeletedFraction(double maxDeletedFraction) {
      this.maxDeletedFraction = maxDeletedFraction;
      return this;
    }

    /**
     * Sets what searches traverse the graph with (default {@link Quantization#NONE}).
     *
     * @param quantization the traversal encoding
     * @return this builder
     */
    public Builder quantization(Quantization quantization) {
      this.quantization = quantization;
      return this;
    }

    /**
     * Sets the order in which {@link HnswIndex#addAll(long[], float[][], int)} inserts a batch
     * (default GIVEN). Not stored in the index file.
     *
     * @param insertionOrder the order
     * @return this builder
     */
    public Builder insertionOrder(InsertionOrder insertionOrder) {
      this.insertionOrder = insertionOrder;
      return this;
    }

    /**
     * Builds and traverses the graph on prefixes of the vectors, reranking with the full vectors
     * (default none). With {@link Funnel.Rotation#PCA} the rotation is learned from the first
     * {@code addAll} batch.
     *
     * @param funnel the funnel, or null for none
     * @return this builder
     */
    public Builder funnel(Funnel funnel) {
      this.funnel = funnel;
      return this;
    }

    /**
     * Sets whether inserts search the graph on the codes, the floats then scoring the candidates
     * again for linking (default: on for {@link Quantization#INT4}, off otherwise). Not stored in
     * the index file.
     *
     * @param buildOnCodes true or false; null for the quantization's default
     * @return this builder
     */
    public Builder buildOnCodes(Boolean buildOnCodes) {
      this.buildOnCodes = buildOnCodes;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming the first field out of range
     */
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
          maxDeletedFraction,
          quantization,
          insertionOrder,
          funnel,
          buildOnCodes != null ? buildOnCodes : defaultBuildOnCodes(quantization));
    }
  }
}
