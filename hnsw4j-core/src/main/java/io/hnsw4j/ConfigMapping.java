package io.hnsw4j;

import io.hnsw4j.format.StoredConfig;
import io.hnsw4j.graph.BuildParams;
import io.hnsw4j.vector.VectorMetric;

/** Maps the public configuration onto what the layers below the facade take. */
final class ConfigMapping {
  private ConfigMapping() {}

  static VectorMetric vectorMetric(Metric metric) {
    return switch (metric.kind()) {
      case L2 -> new VectorMetric(VectorMetric.Kind.L2, metric.name(), null);
      case INNER_PRODUCT, COSINE -> new VectorMetric(VectorMetric.Kind.DOT, metric.name(), null);
      case CUSTOM -> new VectorMetric(VectorMetric.Kind.CUSTOM, metric.name(), metric.function()::distance);
    };
  }

  static BuildParams buildParams(IndexConfig config) {
    return new BuildParams(
        config.efConstruction(),
        config.levelMultiplier(),
        config.extendCandidates(),
        config.keepPrunedConnections(),
        config.seed());
  }

  static StoredConfig stored(IndexConfig config) {
    Metric metric = config.metric();
    int code =
        switch (metric.kind()) {
          case L2 -> StoredConfig.L2;
          case INNER_PRODUCT -> StoredConfig.INNER_PRODUCT;
          case COSINE -> StoredConfig.COSINE;
          case CUSTOM -> StoredConfig.CUSTOM;
        };
    return new StoredConfig(
        config.dimension(),
        code,
        metric.kind() == Metric.Kind.CUSTOM ? metric.name() : null,
        config.m(),
        config.efConstruction(),
        config.efSearch(),
        config.extendCandidates(),
        config.keepPrunedConnections(),
        config.seed(),
        config.maxDeletedFraction(),
        switch (config.quantization()) {
          case NONE -> StoredConfig.QUANTIZATION_NONE;
          case INT8 -> StoredConfig.QUANTIZATION_INT8;
          case BINARY -> StoredConfig.QUANTIZATION_BINARY;
          case INT4 -> StoredConfig.QUANTIZATION_INT4;
        },
        config.funnel() == null ? null : config.funnel().prefixArray(),
        config.funnel() != null && config.funnel().rotation() == Funnel.Rotation.PCA
            ? StoredConfig.ROTATION_PCA
            : StoredConfig.ROTATION_NONE);
  }

  /**
   * The metric of a stored configuration; a custom one must be supplied by the caller under the
   * same name.
   */
  static Metric metric(java.nio.file.Path file, StoredConfig stored, Metric supplied) {
    return switch (stored.metricCode()) {
      case StoredConfig.L2 -> Metric.L2;
      case StoredConfig.INNER_PRODUCT -> Metric.INNER_PRODUCT;
      case StoredConfig.COSINE -> Metric.COSINE;
      default -> {
        String name = stored.customMetricName();
        if (supplied == null || supplied.kind() != Metric.Kind.CUSTOM) {
          throw new IllegalArgumentException(
              file + " uses the custom metric '" + name
                  + "': pass it with OpenOptions.withCustomMetric(Metric.custom(\"" + name + "\", ...))");
        }
        if (!supplied.name().equals(name)) {
          throw new IllegalArgumentException(
              file + " uses the custom metric '" + name + "', but OpenOptions supplies '" + supplied.name() + "'");
        }
        yield supplied;
      }
    };
  }

  static IndexConfig config(StoredConfig stored, Metric metric, int capacity) {
    return IndexConfig.builder(stored.dimension())
        .metric(metric)
        .m(stored.m())
        .efConstruction(stored.efConstruction())
        .efSearch(stored.efSearch())
        .seed(stored.seed())
        .extendCandidates(stored.extendCandidates())
        .keepPrunedConnections(stored.keepPrunedConnections())
        .maxDeletedFraction(stored.maxDeletedFraction())
        .quantization(quantization(stored.quantization()))
        .funnel(funnel(stored))
        .initialCapacity(capacity)
        .build();
  }

  /** The mode of a stored quantization code, which the file header has checked. */
  private static Quantization quantization(int code) {
    return switch (code) {
      case StoredConfig.QUANTIZATION_INT8 -> Quantization.INT8;
      case StoredConfig.QUANTIZATION_BINARY -> Quantization.BINARY;
      case StoredConfig.QUANTIZATION_INT4 -> Quantization.INT4;
      default -> Quantization.NONE;
    };
  }

  private static Funnel funnel(StoredConfig stored) {
    if (stored.funnelPrefixes() == null) {
      return null;
    }
    return stored.funnelRotation() == StoredConfig.ROTATION_PCA
        ? Funnel.pca(stored.funnelPrefixes())
        : Funnel.of(stored.funnelPrefixes());
  }

  /**
   * Refuses an initial capacity whose vectors and links could not fit in the heap: allocating
   * them would throw OutOfMemoryError instead of naming the limit.
   */
  static void checkCapacityFitsHeap(IndexConfig config) {
    long perNode = 4L * config.dimension() + 4L * (1 + config.maxLinksLayer0()) + 12 + 8;
    long needed = perNode * config.initialCapacity();
    long heap = Runtime.getRuntime().maxMemory();
    if (needed > heap) {
      throw new IllegalArgumentException(
          "initialCapacity " + config.initialCapacity() + " needs about " + (needed >> 20)
              + " MiB for vectors and links, more than the maximum heap of " + (heap >> 20)
              + " MiB (-Xmx); give a smaller initialCapacity (the index grows on demand)");
    }
  }
}
