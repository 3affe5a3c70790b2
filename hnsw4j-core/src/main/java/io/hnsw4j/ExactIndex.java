package io.hnsw4j;

import io.hnsw4j.graph.NodeHeap;
import io.hnsw4j.internal.Checks;
import io.hnsw4j.internal.IdMap;
import io.hnsw4j.internal.Parallel;
import io.hnsw4j.vector.ChunkShape;
import io.hnsw4j.vector.HeapVectorSpace;
import io.hnsw4j.vector.NodeScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;

/**
 * Exact k-nearest-neighbour search by brute force, with the SIMD kernels: the ground truth for
 * {@link HnswIndex}, and the right tool for small sets. {@code ef} is ignored.
 *
 * <p>Thread safety: all methods may be called concurrently. Searches share a read lock;
 * changes take it exclusively. Removing moves the last vector into the freed slot, so memory
 * follows the live count.
 */
public final class ExactIndex implements VectorIndex {
  private final int dimension;
  private final Metric metric;
  private final HeapVectorSpace vectors;
  private final IdMap ids;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private int count;
  private volatile boolean closed;

  private ExactIndex(int dimension, Metric metric) {
    // Validates dimension and metric the same way as the graph index.
    IndexConfig.builder(dimension).metric(metric).build();
    this.dimension = dimension;
    this.metric = metric;
    ChunkShape shape = ChunkShape.forCapacity(1 << 12);
    this.vectors = new HeapVectorSpace(dimension, ConfigMapping.vectorMetric(metric), shape);
    this.ids = new IdMap(shape.shift());
  }

  /**
   * An empty brute-force index.
   *
   * @param dimension the vectors' dimension, 1..65,536
   * @param metric how distances are measured
   * @return the index
   */
  public static ExactIndex create(int dimension, Metric metric) {
    return new ExactIndex(dimension, metric);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public Metric metric() {
    return metric;
  }

  @Override
  public int defaultEf() {
    return 1;
  }

  @Override
  public int size() {
    checkOpen();
    return ids.size();
  }

  @Override
  public void add(long id, float[] vector) {
    float[] prepared = Checks.prepare(vector, dimension, metric.normalizes(), "vector", true);
    lock.writeLock().lock();
    try {
      checkOpen();
      addPrepared(id, prepared);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void addAll(long[] ids, float[][] vectors, int threads) {
    Checks.checkThreads(threads);
    float[][] prepared = Checks.prepareBatch(ids, vectors, dimension, metric.normalizes());
    lock.writeLock().lock();
    try {
      checkOpen();
      for (int i = 0; i < ids.length; i++) {
        addPrepared(ids[i], prepared[i]);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void addPrepared(long id, float[] vector) {
    int existing = ids.ordinalOf(id);
    if (existing >= 0) {
      vectors.set(existing, vector);
      return;
    }
    vectors.ensureCapacity(count + 1);
    vectors.set(count, vector);
    ids.put(id, count);
    count++;
  }

  @Override
  public boolean remove(long id) {
    lock.writeLock().lock();
    try {
      checkOpen();
      int ordinal = ids.remove(id);
      if (ordinal < 0) {
        return false;
      }
      int last = --count;
      if (ordinal != last) {
        long lastId = ids.idOf(last);
        vectors.set(ordinal, vectors.vector(last));
        ids.remove(lastId);
        ids.put(lastId, ordinal);
      }
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean contains(long id) {
    checkOpen();
    return ids.ordinalOf(id) >= 0;
  }

  @Override
  public float[] vector(long id) {
    lock.readLock().lock();
    try {
      checkOpen();
      int ordinal = ids.ordinalOf(id);
      if (ordinal < 0) {
        throw new IllegalArgumentException("id " + id + " is not in the index");
      }
      return vectors.vector(ordinal);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public LongStream ids() {
    checkOpen();
    return LongStream.of(ids.snapshotIds());
  }

  @Override
  public List<SearchResult> search(float[] query, int k, int ef, LongPredicate filter) {
    Checks.checkK(k);
    Checks.checkEf(ef);
    float[] prepared = Checks.prepare(query, dimension, metric.normalizes(), "query", false);
    lock.readLock().lock();
    try {
      checkOpen();
      return scan(prepared, k, filter);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<List<SearchResult>> searchBatch(float[][] queries, int k, int ef, int threads) {
    Checks.checkK(k);
    Checks.checkEf(ef);
    Checks.checkThreads(threads);
    if (queries == null) {
      throw new IllegalArgumentException("queries must not be null");
    }
    float[][] prepared = new float[queries.length][];
    for (int i = 0; i < queries.length; i++) {
      prepared[i] = Checks.prepare(queries[i], dimension, metric.normalizes(), "queries[" + i + "]", false);
    }
    @SuppressWarnings("unchecked")
    List<SearchResult>[] results = new List[queries.length];
    lock.readLock().lock();
    try {
      checkOpen();
      Parallel.forEach(queries.length, threads, i -> results[i] = scan(prepared[i], k, null));
    } finally {
      lock.readLock().unlock();
    }
    return List.of(results);
  }

  /** Scores every vector and keeps the k nearest (ties by insertion slot). */
  private List<SearchResult> scan(float[] query, int k, LongPredicate filter) {
    NodeScorer scorer = vectors.scorer(query);
    NodeHeap best = NodeHeap.maxHeap(Math.min(k, 1 << 16) + 1);
    int n = count;
    for (int node = 0; node < n; node++) {
      if (filter != null && !filter.test(ids.idOf(node))) {
        continue;
      }
      float d = scorer.score(node);
      if (best.size() < k) {
        best.push(d, node);
      } else if (NodeHeap.encode(d, node) < best.peekPacked()) {
        best.replaceTop(d, node);
      }
    }
    long[] sorted = new long[best.size()];
    int size = best.drainAscending(sorted);
    List<SearchResult> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new SearchResult(ids.idOf(NodeHeap.nodeOf(sorted[i])), NodeHeap.distanceOf(sorted[i])));
    }
    return out;
  }

  @Override
  public void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the index is closed");
    }
  }
}
