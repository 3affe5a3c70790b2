package io.hnsw4j;

/**
 * How {@link HnswIndex#open(java.nio.file.Path, OpenOptions)} loads a file.
 *
 * @param memoryMapped map the file read-only instead of reading it onto the heap: opening reads no
 *     vector and an index larger than the heap is searchable, but it cannot be changed
 * @param verifyChecksum check the CRC32C of the whole file before using it. Reading onto the heap
 *     always checks it (it costs nothing extra there). A memory-mapped open always checks the
 *     header, the section bounds and the structure (links, levels, flags, entry point,
 *     reachability, the id table), which keeps a damaged file from being served, but not the
 *     vectors: it reads them, the whole file, only when this is set
 * @param customMetric the metric of a file saved with {@link Metric#custom}; null otherwise
 */
public record OpenOptions(boolean memoryMapped, boolean verifyChecksum, Metric customMetric) {
  /** Read into memory, checksum verified; the index is fully usable. */
  public static final OpenOptions DEFAULT = new OpenOptions(false, true, null);
  /** Memory-map read-only (structure checked, vectors and payload checksum not read). */
  public static final OpenOptions MEMORY_MAPPED = new OpenOptions(true, false, null);

  /**
   * These options with the custom metric a file was saved with.
   *
   * @param metric a metric made by {@link Metric#custom}, of the name stored in the file
   * @return new options
   */
  public OpenOptions withCustomMetric(Metric metric) {
    return new OpenOptions(memoryMapped, verifyChecksum, metric);
  }

  /**
   * These options with the whole file's checksum read (or not) before a memory-mapped open.
   *
   * @param verify whether to read the checksum
   * @return new options
   */
  public OpenOptions withVerifyChecksum(boolean verify) {
    return new OpenOptions(memoryMapped, verify, customMetric);
  }
}
