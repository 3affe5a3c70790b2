package io.hnsw4j.cli.analyze;

import io.hnsw4j.Metric;

/**
 * The vectors {@code hnsw4j analyze} looks at, and where they came from.
 *
 * @param name the file (and HDF5 dataset) as the user named it
 * @param kind "fvecs file", "index file"...
 * @param vectors the vectors, as stored (an index's cosine vectors are normalised)
 * @param metric the metric the neighbours are found with
 * @param metricSource why that metric: "given", "declared by the file", "the index's"...
 */
public record AnalyzedData(String name, String kind, float[][] vectors, Metric metric, String metricSource) {

  /** The name without its folders, for a title. */
  public String shortName() {
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf(java.io.File.separatorChar));
    return name.substring(slash + 1);
  }
}
