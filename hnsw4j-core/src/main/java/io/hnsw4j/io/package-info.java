/**
 * Streaming readers and writers for vector data sets: fvecs/ivecs/bvecs, big-ann-benchmarks
 * fbin/ibin/u8bin, NumPy .npy and MNIST IDX, plain or gzip-compressed. Start with {@link
 * io.hnsw4j.io.VectorReader} for streaming or {@link io.hnsw4j.io.VectorFiles} for whole files.
 */
package io.hnsw4j.io;
