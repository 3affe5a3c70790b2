// FAISS behind hnsw4j_peer.h: IndexHNSWFlat (L2 or inner product), built by its add() on
// OpenMP threads. FAISS has no cosine metric: rows and queries are normalised and searched by
// inner product. A query goes through HNSW::search, FAISS's single-query, single-thread entry
// point, with the visited table and distance computer a searcher keeps, as IndexHNSW::search
// does inside its OpenMP loop (which, called for one query, would start a thread team and
// allocate a visited table of n bytes per query).
#include "hnsw4j_peer.h"

#include <memory>
#include <vector>

#include <faiss/IndexHNSW.h>
#include <faiss/impl/AuxIndexStructures.h>
#include <faiss/impl/DistanceComputer.h>
#include <faiss/utils/Heap.h>
#include <faiss/utils/random.h>

#include "peer_support.hpp"

using hnsw4j_peer::guarded;

namespace {

struct Index {
  int32_t dim;
  bool cosine;
  std::unique_ptr<faiss::IndexHNSWFlat> hnsw;
};

// HNSW::search keeps the smallest values; an inner product has to be negated for that.
struct NegatedDistance : faiss::DistanceComputer {
  std::unique_ptr<faiss::DistanceComputer> inner;
  explicit NegatedDistance(faiss::DistanceComputer* similarity) : inner(similarity) {}
  void set_query(const float* x) override { inner->set_query(x); }
  float operator()(idx_t i) override { return -(*inner)(i); }
  float symmetric_dis(idx_t i, idx_t j) override { return -inner->symmetric_dis(i, j); }
};

struct Searcher {
  Index* index;
  std::unique_ptr<faiss::DistanceComputer> distance;
  faiss::VisitedTable visited;
  std::vector<float> query;  // the query normalised, for cosine
  std::vector<float> distances;
  std::vector<faiss::Index::idx_t> labels;
};

}  // namespace

extern "C" {

const char* hnsw4j_peer_describe(void) {
  static const std::string text =
      std::string("FAISS ") + HNSW4J_PEER_VERSION + " (Debian libfaiss-dev, generic build)";
  return text.c_str();
}

void* hnsw4j_peer_build(int32_t dim, int32_t metric, int32_t m, int32_t ef_construction,
                        int64_t seed, const float* rows, int64_t count, int32_t threads) {
  return guarded<void*>(nullptr, [&]() -> void* {
    hnsw4j_peer::check_build_arguments(dim, metric, m, ef_construction, rows, count, threads);
    auto index = std::make_unique<Index>();
    index->dim = dim;
    index->cosine = metric == HNSW4J_PEER_COSINE;
    faiss::MetricType type =
        metric == HNSW4J_PEER_L2 ? faiss::METRIC_L2 : faiss::METRIC_INNER_PRODUCT;
    index->hnsw = std::make_unique<faiss::IndexHNSWFlat>(dim, m, type);
    index->hnsw->hnsw.efConstruction = ef_construction;
    index->hnsw->hnsw.rng = faiss::RandomGenerator(seed);
    std::vector<float> unit;
    if (index->cosine) {
      unit.resize(static_cast<size_t>(count) * dim);
      for (int64_t row = 0; row < count; row++) {
        hnsw4j_peer::normalise(rows + row * dim, unit.data() + row * dim, dim);
      }
      rows = unit.data();
    }
    // FAISS parallelises add() with OpenMP; this sets the team size for the calling thread.
    omp_set_num_threads(threads);
    index->hnsw->add(count, rows);
    return index.release();
  });
}

int64_t hnsw4j_peer_memory_bytes(void* handle) {
  return guarded<int64_t>(-1, [&]() -> int64_t {
    const faiss::IndexHNSWFlat& index = *static_cast<Index*>(handle)->hnsw;
    const faiss::HNSW& graph = index.hnsw;
    size_t vectors = static_cast<size_t>(index.ntotal) * index.d * sizeof(float);
    size_t links = graph.neighbors.size() * sizeof(faiss::HNSW::storage_idx_t) +
                   graph.offsets.size() * sizeof(size_t) + graph.levels.size() * sizeof(int);
    return static_cast<int64_t>(vectors + links);
  });
}

void* hnsw4j_peer_searcher_new(void* handle) {
  return guarded<void*>(nullptr, [&]() -> void* {
    Index* index = static_cast<Index*>(handle);
    faiss::DistanceComputer* raw = index->hnsw->storage->get_distance_computer();
    std::unique_ptr<faiss::DistanceComputer> distance(
        index->hnsw->metric_type == faiss::METRIC_L2
            ? raw
            : static_cast<faiss::DistanceComputer*>(new NegatedDistance(raw)));
    return new Searcher{index, std::move(distance),
                        faiss::VisitedTable(static_cast<int>(index->hnsw->ntotal)),
                        std::vector<float>(index->dim), {}, {}};
  });
}

int32_t hnsw4j_peer_search(void* handle, const float* query, int32_t k, int32_t ef,
                           int32_t* ids) {
  return guarded<int32_t>(-1, [&]() -> int32_t {
    hnsw4j_peer::check_search_arguments(k, ef, ids);
    Searcher* searcher = static_cast<Searcher*>(handle);
    if (searcher->index->cosine) {
      hnsw4j_peer::normalise(query, searcher->query.data(), searcher->index->dim);
      query = searcher->query.data();
    }
    searcher->distance->set_query(query);
    searcher->distances.resize(k);
    searcher->labels.resize(k);
    float* distances = searcher->distances.data();
    faiss::Index::idx_t* labels = searcher->labels.data();
    // efSearch is set on the index, not passed as SearchParametersHNSW: FAISS 1.7.3 sizes the
    // queue from the parameters but stops by the index's efSearch (default 16). The harness
    // changes ef only between sweep points, never while several threads search.
    faiss::HNSW& graph = searcher->index->hnsw->hnsw;
    if (graph.efSearch != ef) graph.efSearch = ef;
    faiss::maxheap_heapify(k, distances, labels);
    graph.search(*searcher->distance, k, labels, distances, searcher->visited);
    faiss::maxheap_reorder(k, distances, labels);
    int32_t n = 0;
    for (int32_t i = 0; i < k && labels[i] >= 0; i++) ids[n++] = static_cast<int32_t>(labels[i]);
    return n;
  });
}

// FAISS 1.7.3 reports a search's distances only through the process-wide hnsw_stats, which
// every thread updates at once, and not its hops: this peer does not count.
int32_t hnsw4j_peer_search_work(void*, const float*, int32_t, int32_t, int64_t*) { return -2; }

void hnsw4j_peer_searcher_free(void* searcher) { delete static_cast<Searcher*>(searcher); }

void hnsw4j_peer_free(void* index) { delete static_cast<Index*>(index); }

const char* hnsw4j_peer_last_error(void) { return hnsw4j_peer::last_error().c_str(); }

}  // extern "C"
