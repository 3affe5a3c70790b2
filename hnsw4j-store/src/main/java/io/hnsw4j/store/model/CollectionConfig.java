package io.hnsw4j.store.model;

import io.hnsw4j.IndexConfig;

/**
 * A collection's fixed parameters: Qdrant's {@code vectors.size}, {@code vectors.distance},
 * {@code hnsw_config.m} and {@code hnsw_config.ef_construct}, and the beam width searches use when
 * a request gives none. Checked when built: BAD_REQUEST names the field out of range.
 *
 * @param size components of every vector (1 .. 65,536)
 * @param distance how vectors are compared
 * @param m links per node of the graph (2 .. 512; Qdrant's default 16)
 * @param efConstruct beam width while inserting (4 .. 2^20; Qdrant's default 100)
 * @param ef default search beam width (1 .. 2^20; default 100)
 */
public record CollectionConfig(int size, Distance distance, int m, int efConstruct, int ef) {
  public static final int DEFAULT_M = 16;
  public static final int DEFAULT_EF_CONSTRUCT = 100;
  public static final int DEFAULT_EF = 100;

  public CollectionConfig {
    if (distance == null) {
      throw StoreException.badRequest("vectors.distance is required");
    }
    check("vectors.size", size, 1, IndexConfig.MAX_DIMENSION);
    check("hnsw_config.m", m, 2, IndexConfig.MAX_M);
    check("hnsw_config.ef_construct", efConstruct, 4, IndexConfig.MAX_EF);
    check("ef", ef, 1, IndexConfig.MAX_EF);
  }

  /** A config with Qdrant's defaults for everything but size and distance. */
  public static CollectionConfig of(int size, Distance distance) {
    return new CollectionConfig(size, distance, DEFAULT_M, DEFAULT_EF_CONSTRUCT, DEFAULT_EF);
  }

  public CollectionConfig withHnsw(int m, int efConstruct) {
    return new CollectionConfig(size, distance, m, efConstruct, ef);
  }

  public CollectionConfig withEf(int ef) {
    return new CollectionConfig(size, distance, m, efConstruct, ef);
  }

  /** The hnsw4j index configuration; the seed is fixed so that equal inputs build equal graphs. */
  public IndexConfig indexConfig() {
    return IndexConfig.builder(size)
        .metric(distance.metric())
        .m(m)
        .efConstruction(efConstruct)
        .efSearch(ef)
        .build();
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw StoreException.badRequest(name + " must be in " + min + ".." + max + ", got " + value);
    }
  }
}
