package io.hnsw4j.spark;

import io.hnsw4j.SearchResult;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One query's nearest neighbours, nearest first (ties by id), as they travel between Spark tasks:
 * one shard's top k, or the merge of several shards' lists. Plain arrays, so that both Java and
 * Kryo serialisation handle it.
 */
final class Neighbors implements Serializable {
  private static final long serialVersionUID = 1L;

  static final Neighbors EMPTY = new Neighbors(new long[0], new float[0]);

  private long[] ids;
  private float[] distances;

  private Neighbors(long[] ids, float[] distances) {
    this.ids = ids;
    this.distances = distances;
  }

  /** A shard's answer, as the index returned it (nearest first). */
  static Neighbors of(List<SearchResult> results) {
    long[] ids = new long[results.size()];
    float[] distances = new float[results.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = results.get(i).id();
      distances[i] = results.get(i).distance();
    }
    return new Neighbors(ids, distances);
  }

  int size() {
    return ids.length;
  }

  long id(int i) {
    return ids[i];
  }

  float distance(int i) {
    return distances[i];
  }

  /** The k nearest of two lists, each nearest first; a tie between the lists goes to the lower id. */
  static Neighbors merge(Neighbors a, Neighbors b, int k) {
    int n = Math.min(k, a.size() + b.size());
    long[] ids = new long[n];
    float[] distances = new float[n];
    int i = 0;
    int j = 0;
    for (int out = 0; out < n; out++) {
      boolean takeA = j >= b.size() || i < a.size() && before(a, i, b, j);
      Neighbors from = takeA ? a : b;
      int at = takeA ? i++ : j++;
      ids[out] = from.ids[at];
      distances[out] = from.distances[at];
    }
    return new Neighbors(ids, distances);
  }

  private static boolean before(Neighbors a, int i, Neighbors b, int j) {
    int byDistance = Float.compare(a.distances[i], b.distances[j]);
    return byDistance < 0 || byDistance == 0 && a.ids[i] <= b.ids[j];
  }

  /** The list as the value of a {@code neighbors: array<struct<id: bigint, distance: float>>} column. */
  Row[] toRows() {
    Row[] rows = new Row[ids.length];
    for (int i = 0; i < ids.length; i++) {
      rows[i] = RowFactory.create(ids[i], distances[i]);
    }
    return rows;
  }
}
