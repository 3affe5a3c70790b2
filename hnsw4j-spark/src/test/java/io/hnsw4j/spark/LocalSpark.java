package io.hnsw4j.spark;

import org.apache.spark.sql.SparkSession;

/** The tests' Spark: local mode on two cores, bound to the loopback address, no web UI. */
final class LocalSpark {
  private LocalSpark() {}

  static SparkSession start(String app) {
    return builder(app).getOrCreate();
  }

  static SparkSession.Builder builder(String app) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4");
  }
}
