package io.hnsw4j.spark;

import org.apache.spark.Partitioner;

/**
 * Sends a query's answers back to the partition its row came from. A query's key is {@code
 * (partition << 32) | row}: its input partition and its position there; sorted by key, a
 * partition's answers come in the order of its rows.
 */
final class QueryPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;

  private final int partitions;

  QueryPartitioner(int partitions) {
    this.partitions = partitions;
  }

  static long key(int partition, int row) {
    return ((long) partition << 32) | (row & 0xffffffffL);
  }

  static int row(long key) {
    return (int) key;
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int getPartition(Object key) {
    return (int) ((Long) key >>> 32);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof QueryPartitioner that && that.partitions == partitions;
  }

  @Override
  public int hashCode() {
    return partitions;
  }
}
