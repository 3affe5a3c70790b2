package io.hnsw4j.spark.example;

import org.apache.spark.sql.SparkSession;

/** The examples' Spark: local mode on all cores, each task given {@code threads} of them. */
final class LocalSession {
  private LocalSession() {}

  static SparkSession start(String app, int threads) {
    int cores = Math.max(threads, Runtime.getRuntime().availableProcessors());
    return SparkSession.builder()
        .master("local[" + cores + "]")
        .appName(app)
        .config("spark.task.cpus", String.valueOf(threads))
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }
}
