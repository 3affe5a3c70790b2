package io.hnsw4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.model.PayloadSelector;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.model.StoreException;
import io.hnsw4j.store.ops.Operation;
import io.hnsw4j.store.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A collection of points (Qdrant's model): each point has an id, one vector of the collection's
 * size, and a JSON payload. Get one from a {@link Database}.
 *
 * <p>Writes are durable when they return: the operation is in the write-ahead log and fsynced
 * (shared with concurrent writers), and, if {@code wait} is true, applied, so reads see it. A
 * write that fails with BAD_REQUEST or NOT_FOUND changed nothing.
 *
 * <p>Thread safety: every method may be called from any number of threads at once. Reads never
 * return a deleted point, nor one whose payload (at the moment the answer is assembled) fails the
 * request's filter; the payload returned with a point is the one that was checked.
 */
public final class Collection implements AutoCloseable {
  private final String name;
  private final CollectionState state;
  private final Searcher searcher;
  private final UpdateWorker worker;
  private final WriteAheadLog wal;
  private final Snapshots snapshots;
  private volatile boolean closed;

  Collection(String name, CollectionState state, UpdateWorker worker, WriteAheadLog wal, Snapshots snapshots, StoreOptions options) {
    this.name = name;
    this.state = state;
    this.searcher = new Searcher(state, options);
    this.worker = worker;
    this.wal = wal;
    this.snapshots = snapshots;
  }

  /** The collection's name in its database. */
  public String name() {
    return name;
  }

  /** The parameters the collection was created with. */
  public CollectionConfig config() {
    return state.config;
  }

  // ---- writes ----

  /** Inserts or replaces whole points (for a repeated id the last one wins). */
  public UpdateResult upsert(List<Point> points, boolean wait) {
    checkPoints(points);
    List<Point> copies = new ArrayList<>(points.size());
    for (Point p : points) {
      copies.add(new Point(p.id(), p.vector().clone(), p.payload() == null ? emptyPayload() : p.payload().deepCopy()));
    }
    return write(new Operation.Upsert(copies), wait);
  }

  /**
   * The checks {@link #upsert} makes, without writing: every point has an id and a finite vector
   * of the collection's size (non-zero for Cosine). Lets a caller refuse a request holding several
   * writes before it applies any.
   */
  public void checkPoints(List<Point> points) {
    if (points == null) {
      throw StoreException.badRequest("points must not be null");
    }
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      String at = "points[" + i + "]";
      if (p == null || p.id() == null) {
        throw StoreException.badRequest(at + ": a point needs an id");
      }
      if (p.vector() == null) {
        throw StoreException.badRequest(at + ".vector is required");
      }
      checkVector(p.vector(), state.config, at + ".vector");
    }
  }

  /** Deletes the selected points; ids that do not exist are ignored. */
  public UpdateResult delete(PointSelector selector, boolean wait) {
    return write(new Operation.DeletePoints(checked(selector)), wait);
  }

  /**
   * Merges the keys of {@code payload} into the selected points' payloads, at {@code key} when
   * given (Qdrant's set-payload). NOT_FOUND if a listed id does not exist.
   */
  public UpdateResult setPayload(PointSelector selector, ObjectNode payload, FieldPath key, boolean wait) {
    return write(new Operation.SetPayload(existing(selector), checkedPayload(payload), key), wait);
  }

  /** Replaces the selected points' payloads. NOT_FOUND if a listed id does not exist. */
  public UpdateResult overwritePayload(PointSelector selector, ObjectNode payload, boolean wait) {
    return write(new Operation.OverwritePayload(existing(selector), checkedPayload(payload)), wait);
  }

  /** Removes keys from the selected points' payloads. NOT_FOUND if a listed id does not exist. */
  public UpdateResult deletePayloadKeys(PointSelector selector, List<FieldPath> keys, boolean wait) {
    if (keys == null || keys.stream().anyMatch(java.util.Objects::isNull)) {
      throw StoreException.badRequest("keys must be a list of payload keys");
    }
    return write(new Operation.DeletePayloadKeys(existing(selector), keys), wait);
  }

  /** Empties the selected points' payloads. NOT_FOUND if a listed id does not exist. */
  public UpdateResult clearPayload(PointSelector selector, boolean wait) {
    return write(new Operation.ClearPayload(existing(selector)), wait);
  }

  /** Creates the payload index of a key (replacing one of another type), filled from every point. */
  public UpdateResult createPayloadIndex(FieldPath field, PayloadSchemaType type, boolean wait) {
    if (field == null || type == null) {
      throw StoreException.badRequest("field_name and field_schema are required");
    }
    return write(new Operation.CreateFieldIndex(field, type), wait);
  }

  /** Drops the payload index of a key (nothing happens if there is none). */
  public UpdateResult deletePayloadIndex(FieldPath field, boolean wait) {
    if (field == null) {
      throw StoreException.badRequest("field_name is required");
    }
    return write(new Operation.DeleteFieldIndex(field), wait);
  }

  private UpdateResult write(Operation op, boolean wait) {
    checkOpen();
    UpdateWorker.Pending p = worker.submit(op);
    await(wait ? p.applied : p.durable);
    return new UpdateResult(p.seq, wait ? UpdateResult.Status.COMPLETED : UpdateResult.Status.ACKNOWLEDGED);
  }

  // ---- reads ----

  /** The points with these ids, in the order asked (missing ids skipped, repeats once). */
  public List<RetrievedPoint> retrieve(List<PointId> ids, PayloadSelector withPayload, boolean withVector) {
    checkOpen();
    if (ids == null || ids.stream().anyMatch(java.util.Objects::isNull)) {
      throw StoreException.badRequest("ids must be a list of point ids");
    }
    return searcher.retrieve(ids, withPayload == null ? PayloadSelector.ALL : withPayload, withVector);
  }

  /** One point with its payload and vector, if it exists. */
  public Optional<RetrievedPoint> get(PointId id) {
    return retrieve(List.of(id), PayloadSelector.ALL, true).stream().findFirst();
  }

  /** A page of points in id order (numbers first, then UUIDs). */
  public ScrollPage scroll(ScrollRequest request) {
    checkOpen();
    return searcher.scroll(request);
  }

  /** Points passing {@code filter} (null: all); exact, or estimated from a sample when payloads must be read. */
  public long count(Filter filter, boolean exact) {
    checkOpen();
    return searcher.count(filter, exact);
  }

  /** The nearest points to a vector, best first, with Qdrant's scores. */
  public List<ScoredPoint> search(SearchRequest request) {
    checkOpen();
    if (request == null) {
      throw StoreException.badRequest("search request must not be null");
    }
    return searcher.search(request);
  }

  /** Answers several searches; result i answers request i. */
  public List<List<ScoredPoint>> searchBatch(List<SearchRequest> requests) {
    List<List<ScoredPoint>> out = new ArrayList<>(requests.size());
    for (SearchRequest r : requests) {
      out.add(search(r));
    }
    return out;
  }

  /** Counts, config, payload schema and durability figures, as of now. */
  public CollectionInfo info() {
    checkOpen();
    Map<String, CollectionInfo.PayloadIndexInfo> schema = new java.util.LinkedHashMap<>();
    state.lock.readLock().lock();
    long points;
    try {
      points = state.table.size();
      Map<FieldPath, Integer> counts = state.indexes.indexedPoints();
      state.indexes.types().forEach((field, type) -> schema.put(field.toString(), new CollectionInfo.PayloadIndexInfo(type, counts.get(field))));
    } finally {
      state.lock.readLock().unlock();
    }
    var manifest = worker.manifest();
    return new CollectionInfo(
        worker.failure() == null ? CollectionInfo.Status.GREEN : CollectionInfo.Status.RED,
        points,
        state.index.size(),
        state.config,
        schema,
        wal.lastSeq(),
        wal.sizeBytes(),
        wal.syncCount(),
        manifest == null ? null : manifest.created());
  }

  // ---- durability ----

  /** Writes a checkpoint now (writers wait meanwhile; searches go on) and truncates the log. */
  public void checkpoint() {
    checkOpen();
    worker.afterCheckpoint(m -> m);
  }

  /** A consistent copy of the collection in one file, kept in the database's snapshot directory. */
  public SnapshotInfo createSnapshot() {
    checkOpen();
    return snapshots.create(this, worker);
  }

  /** The collection's snapshots, by name. */
  public List<SnapshotInfo> listSnapshots() {
    return snapshots.list();
  }

  /** The file of a snapshot of this collection (to download it); NOT_FOUND if there is none. */
  public Path snapshotFile(String snapshotName) {
    return snapshots.file(snapshotName);
  }

  /** Deletes a snapshot; returns false if there was none. */
  public boolean deleteSnapshot(String snapshotName) {
    return snapshots.delete(snapshotName);
  }

  /** Applies what is queued, checkpoints (unless the options say not to) and releases everything. */
  @Override
  public void close() {
    close(true);
  }

  /** Closes; {@code checkpoint} false skips the closing checkpoint (the collection is about to be deleted). */
  void close(boolean checkpoint) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    worker.close(checkpoint);
    try {
      wal.close();
    } catch (IOException e) {
      throw StoreException.internal("closing the write-ahead log of " + name + " failed", e);
    } finally {
      state.index.close();
    }
  }

  boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (closed) {
      throw StoreException.notFound("collection " + name + " is closed or deleted");
    }
  }

  // ---- checks shared with the searcher ----

  static void checkVector(float[] v, CollectionConfig config, String what) {
    if (v.length != config.size()) {
      throw StoreException.badRequest(what + " has " + v.length + " components; the collection's vectors have " + config.size());
    }
    boolean zero = true;
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw StoreException.badRequest(what + "[" + i + "] is " + v[i] + "; components must be finite");
      }
      zero &= v[i] == 0f;
    }
    if (zero && config.distance() == Distance.COSINE) {
      throw StoreException.badRequest(what + " is all zeros; the Cosine distance needs a non-zero vector");
    }
  }

  private static PointSelector checked(PointSelector selector) {
    if (selector == null) {
      throw StoreException.badRequest("points or filter is required");
    }
    if (selector instanceof PointSelector.Matching m && m.filter() == null) {
      throw StoreException.badRequest("filter must not be null");
    }
    return selector;
  }

  /**
   * A selector whose listed ids must all exist (payload updates): checked before logging so a
   * request naming a missing point is refused without a trace; the update checks again when
   * applied, in case a delete came in between.
   */
  private PointSelector existing(PointSelector selector) {
    if (checked(selector) instanceof PointSelector.Ids ids) {
      state.lock.readLock().lock();
      try {
        for (PointId id : ids.ids()) {
          if (state.table.pointOf(id) < 0) {
            throw StoreException.notFound("no point with id " + id);
          }
        }
      } finally {
        state.lock.readLock().unlock();
      }
    }
    return selector;
  }

  private static ObjectNode checkedPayload(ObjectNode payload) {
    if (payload == null) {
      throw StoreException.badRequest("payload must be a JSON object");
    }
    return payload.deepCopy();
  }

  private static ObjectNode emptyPayload() {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
  }

  /** Waits for a future, rethrowing a StoreException as is. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StoreException s) {
        throw new StoreException(s.kind(), s.getMessage(), s);
      }
      throw StoreException.internal(String.valueOf(cause), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StoreException.internal("interrupted while waiting for a write", e);
    }
  }
}
