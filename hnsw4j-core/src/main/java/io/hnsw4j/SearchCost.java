package io.hnsw4j;

/**
 * The work of one search, for tuning ef and M and for comparing a search with what memory allows:
 * how many vectors it scored, how many adjacency lists it read, and about how many bytes that
 * touched. The bytes are an estimate from record sizes (one vector or code record per distance,
 * one layer-0 adjacency list per expanded node), not a count of cache misses: a node read twice
 * counts twice, and upper-layer lists count as layer-0 ones.
 *
 * @param distanceComputations vectors or codes scored, reranks included
 * @param rerankedVectors of those, candidates rescored after the traversal (int8 codes, funnel
 *     prefixes); 0 when searches walk the float vectors
 * @param expandedNodes adjacency lists read (the hops of the search)
 * @param bytesRead estimated bytes of vectors, codes and links read
 */
public record SearchCost(long distanceComputations, long rerankedVectors, long expandedNodes, long bytesRead) {}
