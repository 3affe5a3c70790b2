package io.hnsw4j.store;

import io.hnsw4j.store.model.StoreException;
import io.hnsw4j.store.ops.Operation;
import io.hnsw4j.store.ops.OperationCodec;
import io.hnsw4j.store.storage.Manifest;
import io.hnsw4j.store.wal.WriteAheadLog;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one thread that makes a collection's writes durable and applies them. A writer appends its
 * operation to the log and queues it under one lock, so queue order is log order. The worker
 * takes every queued operation at once, makes them all durable with one fsync (group commit:
 * writers that queued while it was busy share the next fsync), acknowledges them, then applies
 * them in order. Between batches it checkpoints when the log is large or old enough; during a
 * checkpoint writers wait at the lock, searches go on.
 *
 * <p>A failed fsync or an unexpected error while applying stops all writes: the state in memory
 * can no longer be trusted to match the log, and the collection must be reopened.
 */
final class UpdateWorker {
  /** A queued operation and the two moments a writer may wait for. */
  static final class Pending {
    final long seq;
    final Operation op;
    final CompletableFuture<Void> durable = new CompletableFuture<>();
    final CompletableFuture<Void> applied = new CompletableFuture<>();

    Pending(long seq, Operation op) {
      this.seq = seq;
      this.op = op;
    }
  }

  /** Work to run on the worker thread right after a checkpoint, with writers held off. */
  @FunctionalInterface
  interface Exclusive<T> {
    T run(Manifest manifest) throws IOException;
  }

  /** Writes a checkpoint of the applied state; returns its manifest. */
  @FunctionalInterface
  interface Checkpointer {
    Manifest checkpoint() throws IOException;
  }

  private final String name;
  private final WriteAheadLog wal;
  private final CollectionState state;
  private final StoreOptions options;
  private final Checkpointer checkpointer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final ArrayDeque<Runnable> exclusive = new ArrayDeque<>();
  private final Thread thread;
  private boolean closing;
  private boolean checkpointOnClose;
  private volatile StoreException failure;
  private volatile Manifest manifest;
  private long lastCheckpointNanos = System.nanoTime();

  UpdateWorker(String name, WriteAheadLog wal, CollectionState state, StoreOptions options, Manifest manifest, Checkpointer checkpointer) {
    this.name = name;
    this.wal = wal;
    this.state = state;
    this.options = options;
    this.manifest = manifest;
    this.checkpointer = checkpointer;
    this.thread = Thread.ofPlatform().daemon().name("hnsw4j-store-" + name).unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Logs an operation and queues it; the caller waits on the returned futures. */
  Pending submit(Operation op) {
    byte[] body = OperationCodec.encode(op);
    lock.lock();
    try {
      checkWritable();
      long seq;
      try {
        seq = wal.append(body);
      } catch (IOException e) {
        throw fail("appending to the write-ahead log failed", e);
      }
      Pending p = new Pending(seq, op);
      queue.add(p);
      wake.signal();
      return p;
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code work} on the worker thread after a checkpoint of everything logged so far. */
  <T> T afterCheckpoint(Exclusive<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    lock.lock();
    try {
      checkWritable();
      exclusive.add(() -> {
        try {
          result.complete(work.run(checkpointNow()));
        } catch (IOException | RuntimeException e) {
          result.completeExceptionally(e);
        }
      });
      wake.signal();
    } finally {
      lock.unlock();
    }
    return Collection.await(result);
  }

  Manifest manifest() {
    return manifest;
  }

  StoreException failure() {
    return failure;
  }

  /**
   * Stops after applying what is queued, and checkpoints if {@code checkpoint} and the options
   * say so.
   */
  void close(boolean checkpoint) {
    lock.lock();
    try {
      closing = true;
      checkpointOnClose = checkpoint && options.checkpointOnClose();
      wake.signal();
    } finally {
      lock.unlock();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StoreException.internal("interrupted while closing collection " + name, e);
    }
  }

  private void run() {
    while (true) {
      List<Pending> batch = new ArrayList<>();
      List<Runnable> work = new ArrayList<>();
      lock.lock();
      try {
        while (queue.isEmpty() && exclusive.isEmpty() && !closing && !checkpointDue()) {
          wake.await(200, TimeUnit.MILLISECONDS);
        }
        batch.addAll(queue);
        queue.clear();
        work.addAll(exclusive);
        exclusive.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        lock.unlock();
      }
      process(batch);
      if (!work.isEmpty() || checkpointDue() || isClosing()) {
        lock.lock();
        try {
          if (closing) {
            drainQueue();
            if (checkpointOnClose && failure == null) {
              checkpointQuietly();
            }
            work.forEach(Runnable::run);
            return;
          }
          if (checkpointDue()) {
            checkpointQuietly();
          }
          work.forEach(Runnable::run);
        } finally {
          lock.unlock();
        }
      }
    }
  }

  private boolean isClosing() {
    lock.lock();
    try {
      return closing;
    } finally {
      lock.unlock();
    }
  }

  /** Makes a batch durable, acknowledges it, applies it. */
  private void process(List<Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (failure == null) {
      try {
        wal.sync();
      } catch (IOException e) {
        fail("fsync of the write-ahead log failed", e);
      }
    }
    for (Pending p : batch) {
      if (failure != null) {
        p.durable.completeExceptionally(failure);
        p.applied.completeExceptionally(failure);
        continue;
      }
      p.durable.complete(null);
      try {
        state.apply(p.seq, p.op);
        p.applied.complete(null);
      } catch (StoreException e) {
        if (e.kind() == StoreException.Kind.INTERNAL) {
          fail("applying operation " + p.seq + " failed", e);
        }
        p.applied.completeExceptionally(e);
      } catch (RuntimeException | Error e) {
        p.applied.completeExceptionally(fail("applying operation " + p.seq + " failed", e));
      }
    }
  }

  /** With the lock held: applies whatever is still queued, so the state covers the whole log. */
  private void drainQueue() {
    List<Pending> rest = new ArrayList<>(queue);
    queue.clear();
    process(rest);
  }

  /** With the lock held: a checkpoint of everything logged; returns the current manifest. */
  private Manifest checkpointNow() throws IOException {
    drainQueue();
    if (failure != null) {
      throw failure;
    }
    if (manifest == null || manifest.walSeq() != state.appliedSeq()) {
      manifest = checkpointer.checkpoint();
      lastCheckpointNanos = System.nanoTime();
    }
    return manifest;
  }

  private void checkpointQuietly() {
    try {
      checkpointNow();
    } catch (IOException | RuntimeException e) {
      // The log still holds everything; the next checkpoint tries again.
      lastCheckpointNanos = System.nanoTime();
      System.getLogger(UpdateWorker.class.getName()).log(System.Logger.Level.WARNING, "checkpoint of " + name + " failed", e);
    }
  }

  private boolean checkpointDue() {
    if (failure != null) {
      return false;
    }
    boolean changed = manifest == null ? state.appliedSeq() > 0 : manifest.walSeq() != state.appliedSeq();
    if (!changed) {
      return false;
    }
    return wal.sizeBytes() >= options.checkpointWalBytes()
        || System.nanoTime() - lastCheckpointNanos >= options.checkpointInterval().toNanos();
  }

  private void checkWritable() {
    if (failure != null) {
      throw failure;
    }
    if (closing) {
      throw StoreException.conflict("collection " + name + " is closed");
    }
  }

  private StoreException fail(String what, Throwable cause) {
    if (failure == null) {
      failure = StoreException.internal("collection " + name + ": " + what + " (" + cause + "); writes are stopped until it is reopened", cause);
    }
    return failure;
  }
}
