package io.hnsw4j;

/**
 * How {@link HnswIndex#open(java.nio.file.Path, OpenOptions)} loads a file.
 *
 * @param memoryMapped map the file read-only instead of reading it onto the heap: opening takes
 *     no time and an index larger than the heap is searchable, but it cannot be changed
 * @param customMetric the metric of a file saved with {@link Metric#custom}; null otherwise
 */
public record OpenOptions(boolean memoryMapped, Metric customMetric) {
  /** Read into memory; the index is fully usable. */
  public static final OpenOptions DEFAULT = new OpenOptions(false, null);
  /** Memory-map read-only. */
  public static final OpenOptions MEMORY_MAPPED = new OpenOptions(true, null);

  public OpenOptions withCustomMetric(Metric metric) {
    return new OpenOptions(memoryMapped, metric);
  }
}
