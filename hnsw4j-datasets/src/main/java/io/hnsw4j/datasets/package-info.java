/**
 * Readers and writers for the vector files users bring: TEXMEX fvecs/ivecs/bvecs,
 * big-ann-benchmarks fbin/ibin/u8bin, NumPy {@code .npy} and MNIST IDX (plain or gzip-compressed,
 * streamed by {@link io.hnsw4j.datasets.VectorReader}), and ann-benchmarks HDF5 (read whole).
 * Start with {@link io.hnsw4j.datasets.VectorFiles} for whole files and {@link
 * io.hnsw4j.datasets.VectorSource} for command-line style {@code FILE[.hdf5:DATASET]} specs.
 */
package io.hnsw4j.datasets;
