package io.hnsw4j.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * The two ends of a transform, per partition of the queries: rows to keyed vectors (the key is
 * the row's partition and position, see {@link QueryPartitioner}), and rows back with their
 * neighbours appended, merging the shards' answers that arrive sorted by key.
 */
final class QueryRows {
  private QueryRows() {}

  /**
   * The partition's rows as (key, vector), checked against the index's dimension.
   *
   * @param ids the id column, if the queries have one, to name a bad row by its id
   */
  static Iterator<Tuple2<Long, float[]>> keyed(
      int partition, Iterator<Row> rows, VectorColumn features, IdColumn ids, int dimension, boolean nonZero) {
    return new Iterator<>() {
      private int position;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Tuple2<Long, float[]> next() {
        Row row = rows.next();
        int at = position++;
        String name = ids != null ? ids.describe(row) : "no id, row " + at + " of partition " + partition;
        return new Tuple2<>(QueryPartitioner.key(partition, at), features.read(row, name, dimension, nonZero));
      }
    };
  }

  /**
   * The partition's rows with a neighbours column appended: the k nearest of all shards' answers.
   *
   * @param answers the shards' answers for this partition, sorted by key
   */
  static Iterator<Row> withNeighbors(Iterator<Row> rows, Iterator<Tuple2<Long, Neighbors>> answers, int k) {
    return new Iterator<>() {
      private int position;
      private Tuple2<Long, Neighbors> pending;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        if (!rows.hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = rows.next();
        int at = position++;
        Neighbors merged = Neighbors.EMPTY;
        while (peek() != null && QueryPartitioner.row(pending._1()) == at) {
          merged = Neighbors.merge(merged, pending._2(), k);
          pending = null;
        }
        Object[] values = new Object[row.length() + 1];
        for (int i = 0; i < row.length(); i++) {
          values[i] = row.get(i);
        }
        values[row.length()] = merged.toRows();
        return RowFactory.create(values);
      }

      private Tuple2<Long, Neighbors> peek() {
        if (pending == null && answers.hasNext()) {
          pending = answers.next();
        }
        return pending;
      }
    };
  }
}
