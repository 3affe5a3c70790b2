package io.hnsw4j.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.HnswIndex;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.index.FilterPlanner;
import io.hnsw4j.store.index.PayloadIndexes;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.model.StoreException;
import io.hnsw4j.store.ops.Operation;
import io.hnsw4j.store.storage.Checkpoints;
import io.hnsw4j.store.storage.PointsFile;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;

/**
 * A collection in memory: the graph index (vectors by point number), the point table and the
 * payload indexes, and how operations change them.
 *
 * <p>Concurrency: operations are applied by one thread at a time, in log order. The graph index
 * is thread-safe by itself; the table and the payload indexes change under {@link #lock}'s write
 * lock, held only for the bookkeeping, never for graph inserts. Readers take the read lock to
 * plan a filter or to check results. A new point enters the graph before the table, a deleted one
 * leaves the table before the graph, so a reader that finds a number in the table finds its
 * vector in the graph.
 */
final class CollectionState {
  /** Batches at least this large are inserted into the graph with several threads. */
  private static final int PARALLEL_BATCH = 64;

  final CollectionConfig config;
  final HnswIndex index;
  final PointTable table = new PointTable();
  final PayloadIndexes indexes = new PayloadIndexes();
  final FilterPlanner planner = new FilterPlanner(indexes, table);
  final PointNumbers numbers = new PointNumbers();
  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final int threads;
  private volatile long appliedSeq;

  CollectionState(CollectionConfig config, HnswIndex index, int threads) {
    this.config = config;
    this.index = index;
    this.threads = threads;
  }

  /** Fills the table and the payload indexes from a checkpoint (before anyone else sees this). */
  void load(PointsFile.Contents contents) {
    BitSet used = new BitSet();
    for (PointsFile.Entry e : contents.points()) {
      table.put(e.point(), new PointRecord(e.id(), e.payload(), e.version()));
      used.set(e.point());
    }
    contents.indexes().forEach((field, type) -> indexes.create(field, type, table));
    numbers.reset(contents.highWater(), used);
    appliedSeq = contents.walSeq();
  }

  long appliedSeq() {
    return appliedSeq;
  }

  /**
   * Applies one logged operation. A NOT_FOUND error (a payload update naming an id that does not
   * exist) changes nothing; the operation still counts as applied, so replay gives the same error.
   */
  void apply(long seq, Operation op) {
    try {
      switch (op) {
        case Operation.Upsert u -> upsert(seq, u.points());
        case Operation.DeletePoints d -> delete(resolve(d.selector(), false));
        case Operation.SetPayload s -> updatePayloads(seq, resolve(s.selector(), true), old -> merged(old, s.payload(), s.key()));
        case Operation.OverwritePayload o -> updatePayloads(seq, resolve(o.selector(), true), old -> o.payload().deepCopy());
        case Operation.DeletePayloadKeys k -> updatePayloads(seq, resolve(k.selector(), true), old -> without(old, k.keys()));
        case Operation.ClearPayload c -> updatePayloads(seq, resolve(c.selector(), true), old -> JsonNodeFactory.instance.objectNode());
        case Operation.CreateFieldIndex c -> locked(() -> indexes.create(c.field(), c.type(), table));
        case Operation.DeleteFieldIndex d -> locked(() -> indexes.drop(d.field()));
      }
    } finally {
      appliedSeq = seq;
    }
  }

  private void upsert(long seq, List<Point> points) {
    Map<PointId, Point> last = new LinkedHashMap<>();
    points.forEach(p -> last.put(p.id(), p));
    int n = last.size();
    long[] numbersOf = new long[n];
    float[][] vectors = new float[n][];
    int i = 0;
    for (Point p : last.values()) {
      int existing = table.pointOf(p.id());
      numbersOf[i] = existing >= 0 ? existing : numbers.allocate();
      vectors[i++] = p.vector();
    }
    if (n >= PARALLEL_BATCH) {
      index.addAll(numbersOf, vectors, threads);
    } else {
      for (int j = 0; j < n; j++) {
        index.add(numbersOf[j], vectors[j]);
      }
    }
    lock.writeLock().lock();
    try {
      i = 0;
      for (Point p : last.values()) {
        int point = (int) numbersOf[i++];
        PointRecord old = table.get(point);
        ObjectNode payload = p.payload() == null ? JsonNodeFactory.instance.objectNode() : p.payload();
        indexes.update(point, old == null ? null : old.payload(), payload);
        table.put(point, new PointRecord(p.id(), payload, seq));
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void delete(List<Integer> points) {
    lock.writeLock().lock();
    try {
      for (int point : points) {
        indexes.update(point, table.get(point).payload(), null);
        table.remove(point);
      }
    } finally {
      lock.writeLock().unlock();
    }
    for (int point : points) {
      index.remove(point);
      numbers.release(point);
    }
  }

  private void updatePayloads(long seq, List<Integer> points, UnaryOperator<ObjectNode> change) {
    List<ObjectNode> updated = new ArrayList<>(points.size());
    for (int point : points) {
      updated.add(change.apply(table.get(point).payload()));
    }
    lock.writeLock().lock();
    try {
      for (int i = 0; i < points.size(); i++) {
        int point = points.get(i);
        PointRecord old = table.get(point);
        indexes.update(point, old.payload(), updated.get(i));
        table.put(point, new PointRecord(old.id(), updated.get(i), seq));
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The point numbers a selector names now; NOT_FOUND for a listed id that does not exist if {@code mustExist}. */
  private List<Integer> resolve(PointSelector selector, boolean mustExist) {
    List<Integer> out = new ArrayList<>();
    switch (selector) {
      case PointSelector.Ids ids -> {
        BitSet seen = new BitSet();
        for (PointId id : ids.ids()) {
          int point = table.pointOf(id);
          if (point < 0) {
            if (mustExist) {
              throw StoreException.notFound("no point with id " + id);
            }
          } else if (!seen.get(point)) {
            seen.set(point);
            out.add(point);
          }
        }
      }
      case PointSelector.Matching m -> {
        BitSet passing = planner.passing(m.filter());
        for (int p = passing.nextSetBit(0); p >= 0; p = passing.nextSetBit(p + 1)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static ObjectNode merged(ObjectNode old, ObjectNode keys, FieldPath at) {
    ObjectNode copy = old.deepCopy();
    if (at == null) {
      keys.properties().forEach(e -> copy.set(e.getKey(), e.getValue().deepCopy()));
    } else {
      at.mergeAt(copy, keys);
    }
    return copy;
  }

  private static ObjectNode without(ObjectNode old, List<FieldPath> keys) {
    ObjectNode copy = old.deepCopy();
    keys.forEach(k -> k.remove(copy));
    return copy;
  }

  private void locked(Runnable change) {
    lock.writeLock().lock();
    try {
      change.run();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** What a checkpoint saves besides the graph; called by the updater, so nothing changes meanwhile. */
  Checkpoints.PointsData checkpointData() {
    List<PointsFile.Entry> entries = new ArrayList<>(table.size());
    table.byId().forEach((id, point) -> {
      PointRecord r = table.get(point);
      entries.add(new PointsFile.Entry(point, r.id(), r.version(), r.payload()));
    });
    return new Checkpoints.PointsData(numbers.highWater(), entries.size(), entries, indexes.types());
  }
}
