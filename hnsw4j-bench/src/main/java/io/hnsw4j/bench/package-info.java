/** Benchmarks: JMH kernels and the ann-benchmarks-style recall vs QPS harness. */
package io.hnsw4j.bench;
