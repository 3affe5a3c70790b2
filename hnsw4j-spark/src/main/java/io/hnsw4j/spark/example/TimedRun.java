package io.hnsw4j.spark.example;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;

/**
 * Runs Spark work with a wall-clock limit: the jobs it starts are cancelled when the limit passes,
 * so that a baseline that would run for hours ends as "timed out" instead.
 *
 * @param <T> what the work returns
 * @param value the result, or null if the work timed out
 * @param seconds wall time, up to the limit
 */
record TimedRun<T>(T value, double seconds) {

  boolean timedOut() {
    return value == null;
  }

  static <T> TimedRun<T> of(SparkContext sc, double limitSeconds, Supplier<T> work) {
    String group = "hnsw4j-bench-" + System.nanoTime();
    AtomicBoolean cancelled = new AtomicBoolean();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    sc.setJobGroup(group, "timed benchmark step", true);
    timer.schedule(() -> {
      cancelled.set(true);
      sc.cancelJobGroup(group);
    }, (long) (limitSeconds * 1000), TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    try {
      T value = work.get();
      return new TimedRun<>(value, (System.nanoTime() - start) / 1e9);
    } catch (Exception e) {
      // Spark's SparkException is checked, yet thrown through Java code that does not declare it.
      if (cancelled.get()) {
        return new TimedRun<>(null, limitSeconds);
      }
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    } finally {
      timer.shutdownNow();
      sc.clearJobGroup();
    }
  }
}
