package io.hnsw4j;

import io.hnsw4j.format.IndexFile;
import io.hnsw4j.format.MappedParts;
import io.hnsw4j.graph.BuildWorkspace;
import io.hnsw4j.graph.GraphBuilder;
import io.hnsw4j.graph.GraphSearcher;
import io.hnsw4j.graph.GraphView;
import io.hnsw4j.graph.HeapGraph;
import io.hnsw4j.graph.NodeFilter;
import io.hnsw4j.graph.Renumbering;
import io.hnsw4j.internal.Checks;
import io.hnsw4j.internal.IdLookup;
import io.hnsw4j.internal.IdMap;
import io.hnsw4j.internal.Parallel;
import io.hnsw4j.vector.ChunkShape;
import io.hnsw4j.vector.HeapVectorSpace;
import io.hnsw4j.vector.TraversalSpace;
import io.hnsw4j.vector.VectorSpace;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;

/**
 * An approximate nearest-neighbour index: a Hierarchical Navigable Small World graph (Malkov and
 * Yashunin) over vectors stored under caller-chosen {@code long} ids.
 *
 * <pre>{@code
 * IndexConfig config = IndexConfig.builder(128).metric(Metric.L2).m(16).efConstruction(200).build();
 * try (HnswIndex index = HnswIndex.create(config)) {
 *   index.add(7L, vector);
 *   List<SearchResult> hits = index.search(query, 10);
 *   index.save(Path.of("vectors.hnsw"));
 * }
 * }</pre>
 *
 * <p>Thread safety: adds, updates, removes and searches may all run at once from any threads
 * (unlike hnswlib, which forbids adding while searching). Searches take no locks. Adding an id
 * that is already present replaces its vector and re-links its neighbourhood; the new vector is
 * visible to searches as soon as {@code add} returns.
 *
 * <p>An index opened with {@link OpenOptions#MEMORY_MAPPED} is read-only: changes throw {@link
 * UnsupportedOperationException}.
 */
public final class HnswIndex implements VectorIndex {
  private static final int ID_LOCK_STRIPES = 1 << 10;

  private final IndexConfig config;
  private final VectorSpace space;
  private final GraphView graph;
  private final IdLookup ids;
  private final Arena resource;
  /** The compact codes searches traverse (see {@link Quantization}), or null. */
  private final TraversalSpace traversal;
  private final IndexSearch searches;

  // The mutable parts; null for a read-only (memory-mapped) index.
  private final HeapVectorSpace heapVectors;
  private final HeapGraph heapGraph;
  private final IdMap idMap;
  private final GraphBuilder builder;
  /** Adds and removes share it; whole-index operations (save, compact) take it exclusively. */
  private final ReentrantReadWriteLock structureLock = new ReentrantReadWriteLock();
  private final Object[] idLocks = newLocks(ID_LOCK_STRIPES);
  private final AtomicInteger nextOrdinal;
  private final AtomicInteger removedNodes;
  /** Free slots (removed nodes already unlinked by a compaction), reused by later adds. */
  private final SlotPool slots = new SlotPool();
  /** Slot reuses and updates, which a search that overlapped one must re-check. */
  private final ChangeCounters changes = new ChangeCounters();

  private final ThreadLocal<BuildWorkspace> workspaces;
  private volatile boolean closed;
  /** See {@link #searchPatience(double)} and {@link #searchEpsilon(double)}. */
  private volatile EarlyStop earlyStop = EarlyStop.NEVER;
  /** Held while one early-stop setting is replaced, so that the other is kept. */
  private final Object earlyStopLock = new Object();

  HnswIndex(
      IndexConfig config,
      HeapVectorSpace heapVectors,
      HeapGraph heapGraph,
      IdMap idMap,
      int nodeCount,
      int removed,
      TraversalSpace traversal) {
    this.config = config;
    this.space = heapVectors;
    this.graph = heapGraph;
    this.ids = idMap;
    this.resource = null;
    this.heapVectors = heapVectors;
    this.heapGraph = heapGraph;
    this.idMap = idMap;
    this.traversal = traversal;
    this.builder = new GraphBuilder(heapGraph, TraversalCopies.buildSpace(traversal, heapVectors),
        TraversalCopies.buildWalk(config, traversal, heapVectors), ConfigMapping.buildParams(config));
    this.searches = new IndexSearch(graph, space, traversal, ids, changes, structureLock.readLock());
    this.nextOrdinal = new AtomicInteger(nodeCount);
    this.removedNodes = new AtomicInteger(removed);
    this.workspaces = ThreadLocal.withInitial(this::newWorkspace);
    for (int node = 0; node < nodeCount; node++) {
      if (heapGraph.isFree(node)) {
        slots.addFree(node);
      }
    }
    if (nodeCount > 0) {
      builder.rebuildTrees(workspaces.get()); // a file holds links, not the trees that pin them
    }
  }

  HnswIndex(IndexConfig config, MappedParts parts, TraversalSpace traversal) {
    this.config = config;
    this.space = parts.vectors();
    this.graph = parts.graph();
    this.ids = parts.ids();
    this.resource = parts.mapping();
    this.heapVectors = null;
    this.heapGraph = null;
    this.idMap = null;
    this.builder = null;
    this.traversal = traversal;
    this.searches = new IndexSearch(graph, space, traversal, ids, changes, structureLock.readLock());
    this.nextOrdinal = new AtomicInteger(graph.nodeCount());
    this.removedNodes = new AtomicInteger(parts.removed());
    this.workspaces = ThreadLocal.withInitial(this::newWorkspace);
  }

  /**
   * An empty index.
   *
   * @param config how to build and search it
   * @return the index
   * @throws IllegalArgumentException if config is null, or if {@code config.initialCapacity()}
   *     would not fit in the heap
   */
  public static HnswIndex create(IndexConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    ConfigMapping.checkCapacityFitsHeap(config);
    ChunkShape shape = ChunkShape.forCapacity(Math.max(config.initialCapacity(), 1));
    HeapVectorSpace vectors = new HeapVectorSpace(config.dimension(), ConfigMapping.vectorMetric(config.metric()), shape);
    HeapGraph graph = new HeapGraph(config.m(), shape);
    vectors.ensureCapacity(config.initialCapacity());
    graph.ensureCapacity(config.initialCapacity());
    TraversalSpace traversal = TraversalCopies.fill(TraversalCopies.create(config, shape, null), config, vectors, graph, 0);
    return new HnswIndex(config, vectors, graph, new IdMap(shape.shift()), 0, 0, traversal);
  }

  /**
   * Opens an index file onto the heap, checking its checksum and structure; the index can then
   * be changed and saved again.
   *
   * @param file the file
   * @return the index
   * @throws CorruptIndexException if the file is truncated, corrupt, not an index file or of a
   *     newer format version
   * @throws IOException if it cannot be read
   */
  public static HnswIndex open(Path file) throws IOException {
    return open(file, OpenOptions.DEFAULT);
  }

  /**
   * Opens an index file, onto the heap or memory-mapped read-only.
   *
   * @param file the file
   * @param options how to open it (see {@link OpenOptions})
   * @return the index
   * @throws CorruptIndexException if the file is truncated, corrupt, not an index file or of a
   *     newer format version
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if an argument is null, or the file's custom metric is not
   *     supplied
   */
  public static HnswIndex open(Path file, OpenOptions options) throws IOException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    return IndexOpening.open(file, options);
  }

  /**
   * Writes the index to {@code file}: to a temporary file beside it, fsynced, then renamed over the
   * target, so a crash leaves either the old file or the new one. Adds and removes wait meanwhile;
   * searches go on.
   *
   * @param file the target; its directory must exist
   * @throws IOException if it cannot be written (the target is then unchanged)
   * @throws IllegalArgumentException if file is null
   * @throws IllegalStateException if a PCA funnel has not learned its rotation yet (no vectors
   *     were added)
   */
  public void save(Path file) throws IOException {
    save(file, NodeOrder.AS_BUILT);
  }

  /**
   * Writes the index to {@code file} as {@link #save(Path)} does, with its nodes laid out in
   * {@code order}. The index itself is unchanged; a later {@link #open} gets the file's order.
   *
   * @param file the target; its directory must exist
   * @param order where each node goes in the file
   * @throws IOException if it cannot be written (the target is then unchanged)
   * @throws IllegalArgumentException if an argument is null
   * @throws IllegalStateException if a PCA funnel has not learned its rotation yet (no vectors
   *     were added)
   */
  public void save(Path file, NodeOrder order) throws IOException {
    checkOpen();
    if (file == null || order == null) {
      throw new IllegalArgumentException((file == null ? "file" : "order") + " must not be null");
    }
    structureLock.writeLock().lock();
    try {
      if (TraversalCopies.awaitsRotation(traversal)) {
        throw new IllegalStateException(
            "a PCA funnel index has no rotation before its first addAll batch: nothing to save yet");
      }
      Renumbering renumbering = order == NodeOrder.GORDER ? Renumbering.gorder(graph) : Renumbering.IDENTITY;
      IndexFile.write(file, ConfigMapping.stored(config), graph, space, ids, TraversalCopies.rotation(traversal),
          traversal, renumbering);
    } finally {
      structureLock.writeLock().unlock();
    }
  }

  /**
   * The configuration the index was built (or saved) with.
   *
   * @return the configuration
   */
  public IndexConfig config() {
    return config;
  }

  /**
   * Whether the index is memory-mapped read-only.
   *
   * @return true if changes throw UnsupportedOperationException
   */
  public boolean isReadOnly() {
    return builder == null;
  }

  @Override
  public int dimension() {
    return config.dimension();
  }

  @Override
  public Metric metric() {
    return config.metric();
  }

  @Override
  public int defaultEf() {
    return config.efSearch();
  }

  /**
   * Later searches without a filter stop once their k nearest (by the distances they traverse
   * with, the codes' for a quantized index) have not changed at all for {@code fraction x ef}
   * steps, at least one: the saturation stop of Lucene's patience query, here with every one of
   * the k unchanged and a patience that grows with ef. At 1/3, with ef raised to make up for the
   * recall lost at a given ef, recall@10 0.95 took 8-12% fewer distances (docs/benchmarks.md).
   * Index-wide: it applies to every search that starts after the call, on any thread, including
   * those of a running {@code searchBatch}. Not stored in the file; 0 (the default) never stops
   * early.
   *
   * @param fraction the patience as a fraction of ef, from 0 (never stop early) to 1
   * @throws IllegalArgumentException unless {@code 0 <= fraction <= 1}
   */
  public void searchPatience(double fraction) {
    synchronized (earlyStopLock) {
      earlyStop = new EarlyStop(fraction, earlyStop.epsilon());
    }
  }

  /**
   * The patience set by {@link #searchPatience(double)}.
   *
   * @return the fraction of ef; 0 when searches never stop early
   */
  public double searchPatience() {
    return earlyStop.patience();
  }

  /**
   * Later searches without a filter stop once the nearest candidate left to expand is farther
   * than d_k + {@code epsilon} x |d_k|, where d_k is the k-th nearest distance found so far (by
   * the distances they traverse with, the codes' for a quantized index): NGT's search range
   * coefficient. The beam's own bound is the ef-th distance; this one follows the k nearest found
   * so far, so a query whose nearest lie close together stops sooner than a hard one. ef still caps the
   * search, and recall levels off as ef grows; raise epsilon for more. On the whole of glove-100
   * with 4-bit codes, 0.2 reached recall@10 0.95 with about a quarter fewer distances than the
   * plain search (docs/benchmarks.md). d_k is the index's own distance: squared for L2 (so 0.2
   * there is about 0.1 of the Euclidean distance), {@code 1 - dot} for inner product (whose
   * margin shrinks as d_k nears 0). Index-wide and not stored in the file, as {@link
   * #searchPatience(double)}; both rules may be on. 0 (the default) turns it off.
   *
   * @param epsilon the slack as a fraction of the k-th nearest distance; 0 turns this stop off
   * @throws IllegalArgumentException if {@code epsilon} is negative, infinite or NaN
   */
  public void searchEpsilon(double epsilon) {
    synchronized (earlyStopLock) {
      earlyStop = new EarlyStop(earlyStop.patience(), epsilon);
    }
  }

  /**
   * The slack set by {@link #searchEpsilon(double)}.
   *
   * @return the fraction of the k-th nearest distance; 0 when this stop is off
   */
  public double searchEpsilon() {
    return earlyStop.epsilon();
  }

  @Override
  public int size() {
    checkOpen();
    return ids.size();
  }

  @Override
  public boolean contains(long id) {
    checkOpen();
    return ids.ordinalOf(id) >= 0;
  }

  @Override
  public float[] vector(long id) {
    checkOpen();
    synchronized (idLock(id)) {
      int ordinal = ids.ordinalOf(id);
      if (ordinal < 0) {
        throw new IllegalArgumentException("id " + id + " is not in the index");
      }
      return space.vector(ordinal);
    }
  }

  @Override
  public LongStream ids() {
    checkOpen();
    return LongStream.of(ids.snapshotIds());
  }

  // ---- changes ----

  @Override
  public void add(long id, float[] vector) {
    checkWritable();
    float[] prepared = Checks.prepare(vector, config.dimension(), config.metric().normalizes(), "vector", true);
    if (TraversalCopies.awaitsRotation(traversal)) {
      throw new IllegalStateException(
          "a PCA funnel learns its rotation from the first addAll batch: add the first vectors with addAll");
    }
    addPrepared(id, prepared);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The batch goes in in the order of {@link IndexConfig#insertionOrder()} (as given, by
   * default); the threads take rows in that order from a shared cursor, so with more than one
   * thread it holds up to their interleaving. An order by LID estimates it within the batch only.
   * The first batch of an index with a PCA {@link Funnel} also teaches it its rotation, and that of a
   * {@link Quantization#BINARY} or {@link Quantization#INT4} index its centroid.
   */
  @Override
  public void addAll(long[] ids, float[][] vectors, int threads) {
    checkWritable();
    Checks.checkThreads(threads);
    float[][] prepared = Checks.prepareBatch(ids, vectors, config.dimension(), config.metric().normalizes());
    TraversalCopies.learnFromBatch(traversal, config, prepared);
    int needed = nextOrdinal.get() + ids.length;
    heapVectors.ensureCapacity(needed);
    if (traversal != null) {
      traversal.ensureCapacity(needed);
    }
    heapGraph.ensureCapacity(needed);
    int[] order = config.insertionOrder().permutation(prepared, config.metric(), config.seed(), threads);
    Parallel.forEach(ids.length, threads, i -> addPrepared(ids[order[i]], prepared[order[i]]));
  }

  /**
   * Adds or updates one id. A new vector always goes into a slot no search can be looking at (a
   * free one or a new one), is linked there, and only then takes the id: an update never writes
   * over a vector that a concurrent search may be scoring. The old node of an updated id is
   * removed (kept for navigation until the next compaction).
   */
  private void addPrepared(long id, float[] vector) {
    BuildWorkspace ws = workspaces.get();
    boolean compactNow = false;
    structureLock.readLock().lock();
    try {
      checkOpen();
      synchronized (idLock(id)) {
        int existing = idMap.ordinalOf(id);
        long free = slots.take();
        boolean mutation = existing >= 0 || free != SlotPool.NONE;
        if (mutation) {
          changes.begin();
        }
        try {
          int ordinal = free != SlotPool.NONE ? (int) free : nextOrdinal.getAndIncrement();
          heapVectors.ensureCapacity(ordinal + 1);
          heapVectors.set(ordinal, vector);
          if (traversal != null) {
            traversal.ensureCapacity(ordinal + 1);
            traversal.set(ordinal, vector);
          }
          // The node's id is readable by ordinal before the node is linked; the id finds the node
          // (size, contains, vector) once it is linked, when the add is as good as done.
          idMap.reserve(ordinal, id);
          builder.insert(ordinal, builder.randomLevel(), excludeRemoved(), ws);
          if (existing < 0) {
            idMap.put(id, ordinal);
          } else {
            idMap.rebind(id, ordinal);
            heapGraph.markDeleted(existing, true);
            compactNow = removedNodes.incrementAndGet() > config.maxDeletedFraction() * heapGraph.nodeCount();
          }
        } finally {
          if (mutation) {
            changes.end();
          }
        }
      }
    } finally {
      structureLock.readLock().unlock();
    }
    if (compactNow) {
      compact();
    }
  }

  /**
   * Removes {@code id}: it disappears from results at once, while its node stays in the graph for
   * navigation until the next repair (automatic once removed nodes pass {@link
   * IndexConfig#maxDeletedFraction()} of the graph, or by {@link #compact()}). Its slot is reused
   * by later adds. Returns false, changing nothing, if the id is not in the index.
   */
  @Override
  public boolean remove(long id) {
    checkWritable();
    structureLock.readLock().lock();
    try {
      checkOpen();
      synchronized (idLock(id)) {
        int ordinal = idMap.ordinalOf(id);
        if (ordinal < 0) {
          return false;
        }
        heapGraph.markDeleted(ordinal, true);
        idMap.remove(id);
        removedNodes.incrementAndGet();
      }
    } finally {
      structureLock.readLock().unlock();
    }
    if (removedNodes.get() > config.maxDeletedFraction() * heapGraph.nodeCount()) {
      compact();
    }
    return true;
  }

  /**
   * Repairs the graph: removed nodes are unlinked for good (their neighbours re-linked around them
   * through two hops) and their slots freed for reuse, and the entry point moves to a live node.
   * Runs by itself once removed nodes pass {@link IndexConfig#maxDeletedFraction()} of the graph.
   * Every live vector stays reachable throughout. Writers wait; searches go on.
   */
  public void compact() {
    checkWritable();
    structureLock.writeLock().lock();
    try {
      checkOpen();
      if (removedNodes.get() > 0) {
        for (int node : builder.removeDeleted(workspaces.get())) {
          slots.addFree(node);
        }
        removedNodes.set(0);
      }
    } finally {
      structureLock.writeLock().unlock();
    }
  }

  private NodeFilter excludeRemoved() {
    if (removedNodes.get() == 0) {
      return null;
    }
    HeapGraph g = heapGraph;
    return node -> !g.isDeleted(node);
  }

  // ---- search ----

  @Override
  public List<SearchResult> search(float[] query, int k, int ef, LongPredicate filter) {
    checkOpen();
    Checks.checkK(k);
    Checks.checkEf(ef);
    float[] prepared = Checks.prepare(query, config.dimension(), config.metric().normalizes(), "query", false);
    return searchPrepared(prepared, k, ef, filter);
  }

  private List<SearchResult> searchPrepared(float[] query, int k, int ef, LongPredicate filter) {
    GraphSearcher searcher = workspaces.get().searcher();
    return searches.search(removedNodes.get() > 0, searcher, query, k, ef, filter, earlyStop);
  }

  @Override
  public List<List<SearchResult>> searchBatch(float[][] queries, int k, int ef, int threads) {
    checkOpen();
    Checks.checkK(k);
    Checks.checkEf(ef);
    Checks.checkThreads(threads);
    if (queries == null) {
      throw new IllegalArgumentException("queries must not be null");
    }
    float[][] prepared = new float[queries.length][];
    for (int i = 0; i < queries.length; i++) {
      prepared[i] = Checks.prepare(queries[i], config.dimension(), config.metric().normalizes(), "queries[" + i + "]", false);
    }
    @SuppressWarnings("unchecked")
    List<SearchResult>[] results = new List[queries.length];
    Parallel.forEach(queries.length, threads, i -> results[i] = searchPrepared(prepared[i], k, ef, null));
    return List.of(results);
  }

  /**
   * Distance computations made by the last search on the calling thread (for tuning ef and M).
   *
   * @return the count
   */
  public long lastSearchDistanceCount() {
    return workspaces.get().searcher().distanceCount();
  }

  /**
   * The work of the last search on the calling thread: distances, reranks, hops and an estimate
   * of the bytes read (see {@link SearchCost}).
   *
   * @return the cost
   */
  public SearchCost lastSearchCost() {
    GraphSearcher searcher = workspaces.get().searcher();
    long floatBytes = 4L * config.dimension();
    long walkBytes = traversal == null ? floatBytes : traversal.recordBytes();
    long linkBytes = 4L * (1 + graph.maxDegree(0));
    long walked = searcher.distanceCount() - searcher.rerankCount();
    long bytes = walked * walkBytes + searcher.rerankCount() * floatBytes + searcher.expandedCount() * linkBytes;
    return new SearchCost(searcher.distanceCount(), searcher.rerankCount(), searcher.expandedCount(), bytes);
  }

  // ---- statistics ----

  /**
   * A snapshot of the graph's shape and memory. Walks every node: O(n).
   *
   * @return the statistics
   */
  public IndexStatistics statistics() {
    checkOpen();
    long linkBytes = graph.memoryBytes();
    long otherBytes = ids.memoryBytes() + slots.memoryBytes() + (traversal == null ? 0 : traversal.memoryBytes());
    return StatisticsCollector.collect(graph, ids.size(), space.memoryBytes(), linkBytes, otherBytes);
  }

  /**
   * Checks the index's structure: the graph's invariants (no self or duplicate links, degrees
   * within their limits, links only to nodes on that layer, a valid entry point, every live vector
   * reachable from it, on every layer; the spanning trees that keep them so) and the id map's
   * agreement with the graph. Writers wait meanwhile; searches go on. O(n) in time and memory.
   *
   * @return what was found
   */
  public IntegrityReport checkIntegrity() {
    checkOpen();
    structureLock.writeLock().lock();
    try {
      return IntegrityCheck.run(graph, ids);
    } finally {
      structureLock.writeLock().unlock();
    }
  }

  /** The graph's read view, for tests in this package. */
  GraphView graph() {
    return graph;
  }

  /** The traversal copy (or null), for tests in this package. */
  TraversalSpace traversal() {
    return traversal;
  }

  /** The ordinal of a live id, or -1, for tests in this package. */
  int ordinalOf(long id) {
    return ids.ordinalOf(id);
  }

  /** Number of removed nodes still in the graph, for tests in this package. */
  int removedNodeCount() {
    return removedNodes.get();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (resource != null) {
      resource.close();
    }
  }

  private BuildWorkspace newWorkspace() {
    int expected = Math.max(graph.nodeCount(), 1024);
    return new BuildWorkspace(new GraphSearcher(expected, graph.maxDegree(0)));
  }

  private static Object[] newLocks(int count) {
    Object[] locks = new Object[count];
    for (int i = 0; i < count; i++) {
      locks[i] = new Object();
    }
    return locks;
  }

  private Object idLock(long id) {
    return idLocks[IdMap.slotOf(id, ID_LOCK_STRIPES - 1)];
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the index is closed");
    }
  }

  private void checkWritable() {
    checkOpen();
    if (builder == null) {
      throw new UnsupportedOperationException(
          "this index is memory-mapped read-only; open it without OpenOptions.MEMORY_MAPPED to change it");
    }
  }
}
