package io.hnsw4j.spark;

import io.hnsw4j.ExactIndex;
import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.OpenOptions;
import io.hnsw4j.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The two kinds of shard: an hnsw4j HNSW index file, or the plain vectors that an {@link
 * ExactIndex} scans by brute force. Each kind writes one local file per shard and opens it again
 * as a {@link VectorIndex}, so that both share the rest of the pipeline (and compute distances
 * with the same kernels).
 */
enum ShardKind {
  HNSW("hnsw") {
    @Override
    void write(ShardSpec spec, int shard, long[] ids, float[][] vectors, int threads, Path file)
        throws IOException {
      IndexConfig config =
          IndexConfig.builder(spec.dimension())
              .metric(spec.hnswMetric())
              .m(spec.m())
              .efConstruction(spec.efConstruction())
              .initialCapacity(Math.max(1, ids.length))
              .seed(spec.seed() + shard)
              .build();
      try (HnswIndex index = HnswIndex.create(config)) {
        // In eighths, letting each eighth's input go once it is in the index: the peak memory is
        // the index plus an eighth of the input, not twice the input.
        int chunk = Math.max(8192, (ids.length + 7) / 8);
        for (int from = 0; from < ids.length; from += chunk) {
          int to = Math.min(ids.length, from + chunk);
          index.addAll(Arrays.copyOfRange(ids, from, to), Arrays.copyOfRange(vectors, from, to), threads);
          Arrays.fill(vectors, from, to, null);
        }
        index.save(file);
      }
    }

    @Override
    VectorIndex open(Path file, ShardSpec spec) throws IOException {
      // Mapped read-only: opening costs no time and no heap, and the page cache is shared by all
      // the tasks of an executor that search this shard.
      return HnswIndex.open(file, OpenOptions.MEMORY_MAPPED);
    }
  },

  EXACT("exact") {
    @Override
    void write(ShardSpec spec, int shard, long[] ids, float[][] vectors, int threads, Path file)
        throws IOException {
      ExactShardFile.write(file, spec.dimension(), ids, vectors);
    }

    @Override
    VectorIndex open(Path file, ShardSpec spec) throws IOException {
      ExactShardFile.Contents contents = ExactShardFile.read(file, spec.dimension());
      ExactIndex index = ExactIndex.create(spec.dimension(), spec.hnswMetric());
      index.addAll(contents.ids(), contents.vectors(), 1);
      return index;
    }
  };

  private final String name;

  ShardKind(String name) {
    this.name = name;
  }

  /**
   * Writes one shard to a local file. {@code vectors} is consumed: its rows may be cleared.
   *
   * @param shard the shard's number (HNSW seeds its level generator with it)
   * @param threads threads for the build
   */
  abstract void write(ShardSpec spec, int shard, long[] ids, float[][] vectors, int threads, Path file)
      throws IOException;

  /** Opens a shard file written by {@link #write}; the caller closes the index. */
  abstract VectorIndex open(Path file, ShardSpec spec) throws IOException;

  /** The name stored in model metadata and used as the shard files' extension. */
  String fileExtension() {
    return name;
  }

  /** The kind stored under this name. */
  static ShardKind byName(String name) {
    for (ShardKind kind : values()) {
      if (kind.name.equals(name.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown shard kind '" + name + "'; expected hnsw or exact");
  }
}
