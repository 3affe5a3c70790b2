// hnswlib (nmslib, header-only) behind hnsw4j_peer.h: HierarchicalNSW<float> over L2Space or
// InnerProductSpace, its SIMD kernels chosen by -march=native. hnswlib has no cosine space:
// rows and queries are normalised and searched by inner product, as its Python bindings do.
#include "hnsw4j_peer.h"

#include <algorithm>
#include <memory>
#include <vector>

#include <hnswlib/hnswlib.h>

#include "peer_support.hpp"

using hnsw4j_peer::guarded;

namespace {

struct Index {
  int32_t dim;
  bool cosine;
  std::unique_ptr<hnswlib::SpaceInterface<float>> space;
  std::unique_ptr<hnswlib::HierarchicalNSW<float>> graph;
};

struct Searcher {
  Index* index;
  std::vector<float> normalised;  // the query, for cosine
};

const char* kernels() {
#if defined(USE_AVX512)
  return "AVX-512";
#elif defined(USE_AVX)
  return "AVX";
#elif defined(USE_SSE)
  return "SSE";
#else
  return "no SIMD";
#endif
}

// The work pass swaps the index's distance function for this one, which counts its calls; the
// real function is kept per thread (the harness counts on one thread, between timed passes).
thread_local hnswlib::DISTFUNC<float> real_distance = nullptr;
thread_local int64_t distances_counted = 0;

float counting_distance(const void* a, const void* b, const void* parameters) {
  distances_counted++;
  return real_distance(a, b, parameters);
}

// searchKnn's walk, step by step, so that the hops of every layer can be counted: greedy descent
// through the upper layers, then the beam search of layer 0 with hnswlib's own metrics on.
void counted_search(hnswlib::HierarchicalNSW<float>& graph, const float* query, size_t ef,
                    int64_t* hops) {
  hnswlib::tableint current = graph.enterpoint_node_;
  float current_distance =
      graph.fstdistfunc_(query, graph.getDataByInternalId(current), graph.dist_func_param_);
  for (int level = graph.maxlevel_; level > 0; level--) {
    bool moved = true;
    while (moved) {
      moved = false;
      unsigned int* list = graph.get_linklist(current, level);
      int size = graph.getListCount(list);
      (*hops)++;
      hnswlib::tableint* links = reinterpret_cast<hnswlib::tableint*>(list + 1);
      for (int i = 0; i < size; i++) {
        float d = graph.fstdistfunc_(query, graph.getDataByInternalId(links[i]),
                                     graph.dist_func_param_);
        if (d < current_distance) {
          current_distance = d;
          current = links[i];
          moved = true;
        }
      }
    }
  }
  long before = graph.metric_hops;
  graph.searchBaseLayerST<true, true>(current, query, ef);
  *hops += graph.metric_hops - before;
}

}  // namespace

extern "C" {

const char* hnsw4j_peer_describe(void) {
  static const std::string text = std::string("hnswlib 0.8.0 (hnswlib-node ") + HNSW4J_PEER_VERSION +
                                  ", " + kernels() + " kernels)";
  return text.c_str();
}

void* hnsw4j_peer_build(int32_t dim, int32_t metric, int32_t m, int32_t ef_construction,
                        int64_t seed, const float* rows, int64_t count, int32_t threads) {
  return guarded<void*>(nullptr, [&]() -> void* {
    hnsw4j_peer::check_build_arguments(dim, metric, m, ef_construction, rows, count, threads);
    auto index = std::make_unique<Index>();
    index->dim = dim;
    index->cosine = metric == HNSW4J_PEER_COSINE;
    if (metric == HNSW4J_PEER_L2) {
      index->space = std::make_unique<hnswlib::L2Space>(dim);
    } else {
      index->space = std::make_unique<hnswlib::InnerProductSpace>(dim);
    }
    index->graph = std::make_unique<hnswlib::HierarchicalNSW<float>>(
        index->space.get(), static_cast<size_t>(count), static_cast<size_t>(m),
        static_cast<size_t>(ef_construction), static_cast<size_t>(seed));
    Index* built = index.get();
    hnsw4j_peer::insert_all(count, threads, [built, rows, dim](int64_t row, std::size_t) {
      const float* vector = rows + row * dim;
      if (built->cosine) {
        thread_local std::vector<float> unit;
        unit.resize(dim);
        hnsw4j_peer::normalise(vector, unit.data(), dim);
        vector = unit.data();
      }
      built->graph->addPoint(vector, static_cast<hnswlib::labeltype>(row));
    });
    return index.release();
  });
}

int64_t hnsw4j_peer_memory_bytes(void* handle) {
  return guarded<int64_t>(-1, [&]() -> int64_t {
    const auto& graph = *static_cast<Index*>(handle)->graph;
    // Layer 0 (links, vector and label per node) in one block, upper layers per node, and the
    // per-node pointer, level and lock.
    size_t bytes = graph.max_elements_ * graph.size_data_per_element_;
    for (size_t i = 0; i < graph.cur_element_count; i++) {
      bytes += graph.size_links_per_element_ * graph.element_levels_[i];
    }
    bytes += graph.max_elements_ * (sizeof(void*) + sizeof(int) + sizeof(std::mutex));
    return static_cast<int64_t>(bytes);
  });
}

void* hnsw4j_peer_searcher_new(void* handle) {
  return guarded<void*>(nullptr, [&]() -> void* {
    Index* index = static_cast<Index*>(handle);
    return new Searcher{index, std::vector<float>(index->dim)};
  });
}

int32_t hnsw4j_peer_search(void* handle, const float* query, int32_t k, int32_t ef,
                           int32_t* ids) {
  return guarded<int32_t>(-1, [&]() -> int32_t {
    hnsw4j_peer::check_search_arguments(k, ef, ids);
    Searcher* searcher = static_cast<Searcher*>(handle);
    Index* index = searcher->index;
    if (index->cosine) {
      hnsw4j_peer::normalise(query, searcher->normalised.data(), index->dim);
      query = searcher->normalised.data();
    }
    // ef is a setting of the whole index in hnswlib; the harness changes it only between sweep
    // points, never while several threads search.
    if (index->graph->ef_ != static_cast<size_t>(ef)) index->graph->setEf(ef);
    auto found = index->graph->searchKnn(query, static_cast<size_t>(k));
    // A max-heap: the farthest comes out first.
    int32_t n = static_cast<int32_t>(found.size());
    for (int32_t i = n - 1; i >= 0; i--) {
      ids[i] = static_cast<int32_t>(found.top().second);
      found.pop();
    }
    return n;
  });
}

int32_t hnsw4j_peer_search_work(void* handle, const float* query, int32_t k, int32_t ef,
                                int64_t* work) {
  return guarded<int32_t>(-1, [&]() -> int32_t {
    hnsw4j_peer::check_search_arguments(k, ef, reinterpret_cast<int32_t*>(work));
    Searcher* searcher = static_cast<Searcher*>(handle);
    Index* index = searcher->index;
    hnswlib::HierarchicalNSW<float>& graph = *index->graph;
    if (graph.cur_element_count == 0) throw std::invalid_argument("the index is empty");
    if (index->cosine) {
      hnsw4j_peer::normalise(query, searcher->normalised.data(), index->dim);
      query = searcher->normalised.data();
    }
    real_distance = graph.fstdistfunc_;
    graph.fstdistfunc_ = counting_distance;
    distances_counted = 0;
    int64_t hops = 0;
    try {
      counted_search(graph, query, std::max(static_cast<size_t>(ef), static_cast<size_t>(k)), &hops);
    } catch (...) {
      graph.fstdistfunc_ = real_distance;
      throw;
    }
    graph.fstdistfunc_ = real_distance;
    work[0] = distances_counted;
    work[1] = hops;
    // A vector per distance, a layer-0 list (count and links) per hop.
    work[2] = distances_counted * static_cast<int64_t>(graph.data_size_) +
              hops * static_cast<int64_t>(graph.size_links_level0_);
    return 0;
  });
}

void hnsw4j_peer_searcher_free(void* searcher) { delete static_cast<Searcher*>(searcher); }

void hnsw4j_peer_free(void* index) { delete static_cast<Index*>(index); }

const char* hnsw4j_peer_last_error(void) { return hnsw4j_peer::last_error().c_str(); }

}  // extern "C"
