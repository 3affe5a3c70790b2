package io.hnsw4j.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import scala.Tuple2;

/**
 * Builds one shard in a Spark task: takes the shard's items (id, vector), orders them by id, so
 * that a single-threaded build gives the same graph whatever order the shuffle delivered them in,
 * rejects an id given twice, builds the index and writes it to the model's directory.
 */
final class ShardBuilder {
  private ShardBuilder() {}

  /**
   * Builds shard {@code shard} from its items and returns (shard, number of items).
   *
   * @throws IllegalArgumentException if an id occurs more than once
   */
  static Tuple2<Integer, Long> build(
      int shard, Iterator<Tuple2<Integer, Tuple2<Long, float[]>>> items, ShardStore store, ShardSpec spec, int threads)
      throws IOException {
    List<Tuple2<Long, float[]>> rows = new ArrayList<>();
    while (items.hasNext()) {
      rows.add(items.next()._2());
    }
    rows.sort((a, b) -> Long.compare(a._1(), b._1()));
    int n = rows.size();
    long[] ids = new long[n];
    float[][] vectors = new float[n][];
    for (int i = 0; i < n; i++) {
      ids[i] = rows.get(i)._1();
      vectors[i] = rows.get(i)._2();
      if (i > 0 && ids[i] == ids[i - 1]) {
        throw new IllegalArgumentException("id " + ids[i] + " occurs in more than one row; ids must be unique");
      }
    }
    rows.clear();
    store.write(shard, file -> {
      spec.kind().write(spec, shard, ids, vectors, threads, file);
      return null;
    });
    return new Tuple2<>(shard, (long) n);
  }

  /** The sizes of all shards, from the builders' answers (a shard missing from them is empty). */
  static long[] sizes(List<Tuple2<Integer, Long>> built, int numShards) {
    long[] sizes = new long[numShards];
    for (Tuple2<Integer, Long> shard : built) {
      sizes[shard._1()] = shard._2();
    }
    return sizes;
  }
}
