package io.hnsw4j;

/**
 * One search hit: the caller's id and its distance to the query. Smaller distances are closer
 * (squared L2, or 1 - dot product for inner product and cosine).
 *
 * @param id the caller's id of the vector
 * @param distance its distance to the query
 */
public record SearchResult(long id, float distance) {}
