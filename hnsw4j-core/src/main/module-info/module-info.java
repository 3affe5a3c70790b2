/**
 * hnsw4j: approximate nearest-neighbour search over dense float vectors with Hierarchical Navigable
 * Small World graphs. The API is the package {@code io.hnsw4j}; everything else is internal.
 * The Vector API ({@code jdk.incubator.vector}) is used for the distance kernels when the JVM
 * runs with {@code --add-modules jdk.incubator.vector}, and never required.
 */
module io.hnsw4j {
  requires static jdk.incubator.vector;

  exports io.hnsw4j;
}
