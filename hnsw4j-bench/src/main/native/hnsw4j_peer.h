/*
 * The C interface every native peer of the benchmark harness implements (one shared library per
 * peer: hnswlib, USearch, FAISS), called from Java through the Foreign Function & Memory API by
 * io.hnsw4j.bench.peers.NativePeer. Each search is one call, timed by the same Java loop as every
 * Java library.
 *
 * No function throws: a failure returns NULL or -1 and leaves a message that
 * hnsw4j_peer_last_error() returns on the same thread.
 */
#ifndef HNSW4J_PEER_H
#define HNSW4J_PEER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Exported even though the libraries are compiled with -fvisibility=hidden. */
#define HNSW4J_PEER_API __attribute__((visibility("default")))

/* The metric codes of hnsw4j_peer_build. */
#define HNSW4J_PEER_L2 0     /* squared Euclidean distance */
#define HNSW4J_PEER_IP 1     /* inner product, larger is closer */
#define HNSW4J_PEER_COSINE 2 /* cosine similarity; a peer without it normalises and uses IP */

/* The library, its version and how it was compiled, e.g. "hnswlib 0.8.0 (AVX512)". */
HNSW4J_PEER_API const char* hnsw4j_peer_describe(void);

/*
 * Builds an index over count rows of dim floats (row i gets id i) with links per node m and
 * beam width ef_construction, inserting on threads threads. The rows are copied.
 */
HNSW4J_PEER_API void* hnsw4j_peer_build(int32_t dim, int32_t metric, int32_t m,
                                        int32_t ef_construction, int64_t seed, const float* rows,
                                        int64_t count, int32_t threads);

/* Bytes the index holds: vectors and graph. */
HNSW4J_PEER_API int64_t hnsw4j_peer_memory_bytes(void* index);

/* A searcher for one thread: its scratch space (visited set, query copy). */
HNSW4J_PEER_API void* hnsw4j_peer_searcher_new(void* index);

/*
 * Writes the ids of about the k nearest rows to query (nearest first) into ids, searching with
 * beam width ef; returns how many it wrote, or -1.
 */
HNSW4J_PEER_API int32_t hnsw4j_peer_search(void* searcher, const float* query, int32_t k,
                                           int32_t ef, int32_t* ids);

/*
 * Searches once more, counting, and writes what the search did into work: [0] distance
 * computations, [1] adjacency lists read (hops), [2] bytes of vectors and links read, estimated
 * from record sizes as hnsw4j's SearchCost does. Returns 0, -1 on failure, or -2 when the peer
 * cannot count (then work is left alone). Slower than hnsw4j_peer_search; never timed.
 */
HNSW4J_PEER_API int32_t hnsw4j_peer_search_work(void* searcher, const float* query, int32_t k,
                                                int32_t ef, int64_t* work);

HNSW4J_PEER_API void hnsw4j_peer_searcher_free(void* searcher);

/* Frees the index; its searchers must be freed first. */
HNSW4J_PEER_API void hnsw4j_peer_free(void* index);

/* The message of the last failure on the calling thread ("" if none). */
HNSW4J_PEER_API const char* hnsw4j_peer_last_error(void);

#ifdef __cplusplus
}
#endif

#endif
