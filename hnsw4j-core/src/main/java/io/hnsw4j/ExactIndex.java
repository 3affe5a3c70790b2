package io.hnsw4j;

import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;

/** Skeleton: the implementation lands in the next commits. */
public final class ExactIndex implements VectorIndex {
  public static ExactIndex create(int dimension, Metric metric) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override public int dimension() { return 0; }
  @Override public Metric metric() { return null; }
  @Override public int size() { return 0; }
  @Override public void add(long id, float[] vector) {}
  @Override public void addAll(long[] ids, float[][] vectors, int threads) {}
  @Override public boolean remove(long id) { return false; }
  @Override public boolean contains(long id) { return false; }
  @Override public float[] vector(long id) { return null; }
  @Override public LongStream ids() { return null; }
  @Override public List<SearchResult> search(float[] query, int k, int ef, LongPredicate filter) { return null; }
  @Override public List<List<SearchResult>> searchBatch(float[][] queries, int k, int ef, int threads) { return null; }
  @Override public int defaultEf() { return 0; }
  @Override public void close() {}
}
