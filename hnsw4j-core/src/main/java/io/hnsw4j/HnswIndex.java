package io.hnsw4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;

/** Skeleton: the implementation lands in the next commits. */
public final class HnswIndex implements VectorIndex {
  public static HnswIndex create(IndexConfig config) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public static HnswIndex open(Path file) throws IOException {
    return open(file, OpenOptions.DEFAULT);
  }

  public static HnswIndex open(Path file, OpenOptions options) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public void save(Path file) throws IOException {}

  public IndexConfig config() {
    return null;
  }

  public IndexStatistics statistics() {
    return null;
  }

  /** Distance computations made by the last search on the calling thread. */
  public long lastSearchDistanceCount() {
    return 0;
  }

  /** Re-links the neighbours of removed nodes around them and frees their slots. */
  public void compact() {}

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
