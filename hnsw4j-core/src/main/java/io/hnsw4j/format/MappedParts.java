package io.hnsw4j.format;

import io.hnsw4j.graph.GraphView;
import io.hnsw4j.internal.IdLookup;
import io.hnsw4j.vector.VectorSpace;
import java.lang.foreign.Arena;

/**
 * An index file mapped read-only.
 *
 * @param config the stored configuration
 * @param vectors the vectors, read in place
 * @param graph the links, read in place
 * @param ids the id section and id table, read in place
 * @param removed removed nodes still linked (free slots not counted)
 * @param mapping releases the mapping; nothing may be read after it is closed
 * @param rotation the funnel's PCA rotation rows (format version 2), copied onto the heap, or null
 * @param codes the stored traversal records (format version 2), read in place, or null
 */
public record MappedParts(
    StoredConfig config, VectorSpace vectors, GraphView graph, IdLookup ids, int removed, Arena mapping,
    float[] rotation, TraversalRecords codes) {}
