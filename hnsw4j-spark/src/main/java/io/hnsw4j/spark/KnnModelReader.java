package io.hnsw4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.ml.util.MLReader;

/**
 * Loads a model saved by {@link KnnModelWriter}: reads the metadata, checks that it describes a
 * model of the expected class, and points the model at the shard files in place (they are opened
 * by the tasks that search them, not here).
 *
 * @param <M> the model class
 */
final class KnnModelReader<M extends KnnModel<M>> extends MLReader<M> {

  /** Makes a model object for loaded shards. */
  @FunctionalInterface
  interface Factory<M> {
    M create(String uid, ShardStore store, ShardSpec spec, long[] shardSizes);
  }

  private final Class<M> modelClass;
  private final Factory<M> factory;

  KnnModelReader(Class<M> modelClass, Factory<M> factory) {
    this.modelClass = modelClass;
    this.factory = factory;
  }

  /**
   * @throws IllegalArgumentException if the path holds no model, or a model of another class
   * @throws UncheckedIOException if the metadata cannot be read
   */
  @Override
  public M load(String path) {
    String json;
    try {
      json = ModelMetadata.read(path, sc().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ModelMetadata.Stored stored = ModelMetadata.fromJson(json, path);
    if (!stored.className().equals(modelClass.getName())) {
      throw new IllegalArgumentException(
          path + " holds a " + stored.className() + ", not a " + modelClass.getName());
    }
    ShardStore store = ShardStore.at(path, stored.spec().kind(), sc().hadoopConfiguration());
    M model = factory.create(stored.uid(), store, stored.spec(), stored.shardSizes());
    stored.params().forEach(model::setParamFromJson);
    return model;
  }
}
