package io.hnsw4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/** Runs a loop body over [0, n) on a few platform threads that pull indexes from a shared cursor. */
public final class Parallel {
  private Parallel() {}

  /**
   * Calls {@code body} for every index in [0, n) using {@code threads} threads (the calling thread
   * is one of them). The first exception stops the others and is rethrown.
   */
  public static void forEach(int n, int threads, IntConsumer body) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    int workers = Math.min(threads, n);
    if (workers <= 1) {
      for (int i = 0; i < n; i++) {
        body.accept(i);
      }
      return;
    }
    AtomicInteger cursor = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker =
        () -> {
          try {
            for (int i; failure.get() == null && (i = cursor.getAndIncrement()) < n; ) {
              body.accept(i);
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          }
        };
    List<Thread> started = new ArrayList<>();
    for (int t = 1; t < workers; t++) {
      Thread thread = new Thread(worker, "hnsw4j-worker-" + t);
      thread.setDaemon(true);
      thread.start();
      started.add(thread);
    }
    worker.run();
    boolean interrupted = false;
    for (Thread thread : started) {
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
  }
}
