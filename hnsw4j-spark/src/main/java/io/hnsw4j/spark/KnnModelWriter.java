package io.hnsw4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves a {@link KnnModel}: {@code PATH/metadata/part-00000} (see {@link ModelMetadata}) and
 * {@code PATH/shards/shard-NNNNN.EXT}, copied from the model's directory by one Spark task per
 * shard. When PATH is the model's own directory, only the metadata is written.
 */
final class KnnModelWriter extends MLWriter {
  private final KnnModel<?> model;

  KnnModelWriter(KnnModel<?> model) {
    this.model = model;
  }

  @Override
  public void save(String path) throws IOException {
    if (target(path).sameDirectory(model.store())) {
      // The shards are already here: Spark's overwrite would delete them before saveImpl runs.
      saveImpl(path);
    } else {
      super.save(path);
    }
  }

  @Override
  public void saveImpl(String path) {
    ShardStore source = model.store();
    ShardStore target = target(path);
    try {
      if (!target.sameDirectory(source)) {
        List<Integer> shards = new ArrayList<>();
        for (int shard = 0; shard < model.numShards(); shard++) {
          shards.add(shard);
        }
        JavaSparkContext.fromSparkContext(sc())
            .parallelize(shards, shards.size())
            .foreach(shard -> source.copyShardTo(shard, target));
      }
      ModelMetadata.write(target.directory(), ModelMetadata.toJson(model, sc().version()), sc().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the model to " + path, e);
    }
  }

  private ShardStore target(String path) {
    return ShardStore.at(path, model.store().kind(), sc().hadoopConfiguration());
  }
}
