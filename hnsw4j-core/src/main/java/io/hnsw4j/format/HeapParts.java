package io.hnsw4j.format;

import io.hnsw4j.graph.HeapGraph;
import io.hnsw4j.internal.IdMap;
import io.hnsw4j.vector.HeapVectorSpace;

/**
 * An index read onto the heap, ready to be changed.
 *
 * @param config the stored configuration
 * @param vectors the vectors
 * @param graph the links, flags and entry point
 * @param ids the id map of the live nodes
 * @param nodeCount ordinals handed out (live, removed and free)
 * @param removed removed nodes still linked (free slots not counted)
 * @param rotation the funnel's PCA rotation rows (format version 2), or null
 * @param codes the stored traversal records (format version 2), or null; the caller closes them
 */
public record HeapParts(
    StoredConfig config, HeapVectorSpace vectors, HeapGraph graph, IdMap ids, int nodeCount, int removed,
    float[] rotation, TraversalRecords codes) {}
