package io.hnsw4j.graph;

/**
 * What {@link GraphBuilder} needs of an index's configuration.
 *
 * @param efConstruction beam width of the insert searches (already at least M)
 * @param levelMultiplier mL of the paper: a node's level is floor(-ln(U) * mL)
 * @param extendCandidates the paper's option of Algorithm 4: add the candidates' neighbours
 * @param keepPrunedConnections the paper's option of Algorithm 4: fill up with discarded ones
 * @param seed seed of the level generator
 */
public record BuildParams(
    int efConstruction,
    double levelMultiplier,
    boolean extendCandidates,
    boolean keepPrunedConnections,
    long seed) {}
