package io.hnsw4j.spark;

import io.hnsw4j.SearchResult;
import io.hnsw4j.VectorIndex;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.TaskCompletionListener;
import scala.Tuple2;

/**
 * Searches every shard for every query: each query (a long key and a vector) is sent to all
 * shards, one task per shard opens its index and answers its queries in batches, and the result
 * is one (key, that shard's top k) pair per query and shard, for the caller to merge. Neither the
 * queries nor the index pass through the driver.
 */
final class ShardSearch {
  /** Queries answered per call to the index, on {@code threads} threads. */
  private static final int BATCH = 1024;

  /**
   * What to search and how.
   *
   * @param store where the shards are
   * @param spec how they were built
   * @param numShards how many there are
   * @param k neighbours per query and shard
   * @param ef beam width (ignored by exact shards)
   * @param threads threads per task
   */
  record Plan(ShardStore store, ShardSpec spec, int numShards, int k, int ef, int threads) implements Serializable {}

  private ShardSearch() {}

  /** One (key, shard's top k) pair per query and non-empty shard. */
  static JavaPairRDD<Long, Neighbors> searchEveryShard(JavaPairRDD<Long, float[]> queries, Plan plan) {
    int shards = plan.numShards();
    JavaPairRDD<Integer, Tuple2<Long, float[]>> perShard =
        queries
            .flatMapToPair(query -> {
              List<Tuple2<Integer, Tuple2<Long, float[]>>> copies = new ArrayList<>(shards);
              for (int shard = 0; shard < shards; shard++) {
                copies.add(new Tuple2<>(shard, query));
              }
              return copies.iterator();
            })
            // Integer keys 0..S-1 hash to themselves: partition s holds the queries for shard s.
            .partitionBy(new HashPartitioner(shards));
    JavaRDD<Tuple2<Long, Neighbors>> answers =
        perShard.mapPartitionsWithIndex((shard, it) -> searchShard(shard, it, plan), false);
    return JavaPairRDD.fromJavaRDD(answers);
  }

  /** Every item stored in the shards, as (id, vector), one partition per shard: the queries of a self-join. */
  static JavaPairRDD<Long, float[]> storedItems(JavaSparkContext jsc, ShardStore store, ShardSpec spec, int numShards) {
    List<Integer> shards = new ArrayList<>();
    for (int shard = 0; shard < numShards; shard++) {
      shards.add(shard);
    }
    JavaRDD<Tuple2<Long, float[]>> items =
        jsc.parallelize(shards, Math.max(1, numShards))
            .mapPartitions(it -> it.hasNext() ? itemsOf(it.next(), store, spec) : Collections.emptyIterator());
    return JavaPairRDD.fromJavaRDD(items);
  }

  private static Iterator<Tuple2<Long, Neighbors>> searchShard(
      int shard, Iterator<Tuple2<Integer, Tuple2<Long, float[]>>> queries, Plan plan) throws IOException {
    if (!queries.hasNext()) {
      return Collections.emptyIterator();
    }
    VectorIndex index = openForTask(shard, plan.store(), plan.spec());
    return new Iterator<>() {
      private final List<Tuple2<Long, Neighbors>> ready = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        if (next < ready.size()) {
          return true;
        }
        ready.clear();
        next = 0;
        if (queries.hasNext()) {
          searchBatch();
        }
        return !ready.isEmpty();
      }

      @Override
      public Tuple2<Long, Neighbors> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.get(next++);
      }

      private void searchBatch() {
        List<Long> keys = new ArrayList<>(BATCH);
        List<float[]> vectors = new ArrayList<>(BATCH);
        while (queries.hasNext() && keys.size() < BATCH) {
          Tuple2<Long, float[]> query = queries.next()._2();
          keys.add(query._1());
          vectors.add(query._2());
        }
        List<List<SearchResult>> results =
            index.searchBatch(vectors.toArray(new float[0][]), plan.k(), plan.ef(), plan.threads());
        for (int i = 0; i < keys.size(); i++) {
          ready.add(new Tuple2<>(keys.get(i), Neighbors.of(results.get(i))));
        }
      }
    };
  }

  private static Iterator<Tuple2<Long, float[]>> itemsOf(int shard, ShardStore store, ShardSpec spec) throws IOException {
    VectorIndex index = openForTask(shard, store, spec);
    long[] ids = index.ids().sorted().toArray();
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < ids.length;
      }

      @Override
      public Tuple2<Long, float[]> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        long id = ids[next++];
        return new Tuple2<>(id, index.vector(id));
      }
    };
  }

  /** Opens a shard for the running task; it is closed when the task ends, whether it succeeds or fails. */
  private static VectorIndex openForTask(int shard, ShardStore store, ShardSpec spec) throws IOException {
    VectorIndex index = store.read(shard, file -> spec.kind().open(file, spec));
    TaskContext.get().addTaskCompletionListener((TaskCompletionListener) context -> index.close());
    return index;
  }
}
