// USearch (unum, header-only) behind hnsw4j_peer.h: index_dense_t with f32 vectors and its own
// l2sq, ip or cos metric, distances by SimSIMD (compiled for this machine by -march=native).
// Each searcher owns one of the index's thread slots, so a search takes no lock.
#include "hnsw4j_peer.h"

#include <memory>
#include <mutex>
#include <vector>

#include <usearch/index_dense.hpp>

#include "peer_support.hpp"

using hnsw4j_peer::guarded;
using unum::usearch::index_dense_config_t;
using unum::usearch::index_dense_t;
using unum::usearch::index_limits_t;
using unum::usearch::metric_kind_t;
using unum::usearch::metric_punned_t;
using unum::usearch::scalar_kind_t;

namespace {

struct Index {
  index_dense_t dense;
  std::mutex slots_lock;        // guards slot_taken and the index's thread count
  std::vector<bool> slot_taken;  // thread slots held by searchers
};

struct Searcher {
  Index* index;
  std::size_t slot;
  std::vector<index_dense_t::vector_key_t> keys;
};

metric_kind_t metric_kind(int32_t metric) {
  switch (metric) {
    case HNSW4J_PEER_L2: return metric_kind_t::l2sq_k;
    case HNSW4J_PEER_IP: return metric_kind_t::ip_k;
    default: return metric_kind_t::cos_k;
  }
}

// Gives the index room for one more concurrent thread (reserve must not overlap searches: the
// harness creates its searchers before it searches).
void reserve_threads(Index& index, std::size_t threads) {
  index.dense.reserve(index_limits_t(index.dense.capacity(), threads));
}

}  // namespace

extern "C" {

const char* hnsw4j_peer_describe(void) {
  static const std::string text = [] {
    metric_punned_t metric(64, metric_kind_t::l2sq_k, scalar_kind_t::f32_k);
    return std::string("USearch ") + HNSW4J_PEER_VERSION + " (f32, SimSIMD " +
           metric.isa_name() + " kernels)";
  }();
  return text.c_str();
}

void* hnsw4j_peer_build(int32_t dim, int32_t metric, int32_t m, int32_t ef_construction,
                        int64_t, const float* rows, int64_t count, int32_t threads) {
  return guarded<void*>(nullptr, [&]() -> void* {
    hnsw4j_peer::check_build_arguments(dim, metric, m, ef_construction, rows, count, threads);
    // USearch's levels come from a generator per thread slot; it takes no seed.
    metric_punned_t kind(static_cast<std::size_t>(dim), metric_kind(metric), scalar_kind_t::f32_k);
    index_dense_config_t config(static_cast<std::size_t>(m), static_cast<std::size_t>(ef_construction));
    config.connectivity_base = 2 * static_cast<std::size_t>(m);
    auto made = index_dense_t::make(kind, config);
    if (!made) throw std::runtime_error(std::string("USearch: ") + made.error.release());
    auto index = std::make_unique<Index>();
    index->dense = std::move(made.index);
    index->dense.reserve(index_limits_t(static_cast<std::size_t>(count), threads));
    index_dense_t& dense = index->dense;
    hnsw4j_peer::insert_all(count, threads, [&dense, rows, dim](int64_t row, std::size_t thread) {
      auto added = dense.add(static_cast<index_dense_t::vector_key_t>(row), rows + row * dim, thread);
      if (!added) throw std::runtime_error(std::string("USearch: ") + added.error.release());
    });
    return index.release();
  });
}

int64_t hnsw4j_peer_memory_bytes(void* handle) {
  return guarded<int64_t>(-1, [&]() -> int64_t {
    return static_cast<int64_t>(static_cast<Index*>(handle)->dense.memory_usage());
  });
}

void* hnsw4j_peer_searcher_new(void* handle) {
  return guarded<void*>(nullptr, [&]() -> void* {
    Index* index = static_cast<Index*>(handle);
    std::lock_guard<std::mutex> guard(index->slots_lock);
    std::size_t slot = 0;
    while (slot < index->slot_taken.size() && index->slot_taken[slot]) slot++;
    if (slot == index->slot_taken.size()) index->slot_taken.push_back(false);
    if (index->slot_taken.size() > index->dense.limits().threads()) {
      reserve_threads(*index, index->slot_taken.size());
    }
    index->slot_taken[slot] = true;
    return new Searcher{index, slot, {}};
  });
}

int32_t hnsw4j_peer_search(void* handle, const float* query, int32_t k, int32_t ef,
                           int32_t* ids) {
  return guarded<int32_t>(-1, [&]() -> int32_t {
    hnsw4j_peer::check_search_arguments(k, ef, ids);
    Searcher* searcher = static_cast<Searcher*>(handle);
    index_dense_t& dense = searcher->index->dense;
    // expansion_search is a setting of the whole index; the harness changes it only between
    // sweep points, never while several threads search.
    if (dense.expansion_search() != static_cast<std::size_t>(ef)) dense.change_expansion_search(ef);
    auto found = dense.search(query, static_cast<std::size_t>(k), searcher->slot);
    if (!found) throw std::runtime_error(std::string("USearch: ") + found.error.release());
    searcher->keys.resize(static_cast<std::size_t>(k));
    std::size_t n = found.dump_to(searcher->keys.data(), searcher->keys.size());
    for (std::size_t i = 0; i < n; i++) ids[i] = static_cast<int32_t>(searcher->keys[i]);
    return static_cast<int32_t>(n);
  });
}

int32_t hnsw4j_peer_search_work(void* handle, const float* query, int32_t k, int32_t ef,
                                int64_t* work) {
  return guarded<int32_t>(-1, [&]() -> int32_t {
    hnsw4j_peer::check_search_arguments(k, ef, reinterpret_cast<int32_t*>(work));
    Searcher* searcher = static_cast<Searcher*>(handle);
    index_dense_t& dense = searcher->index->dense;
    if (dense.expansion_search() != static_cast<std::size_t>(ef)) dense.change_expansion_search(ef);
    auto found = dense.search(query, static_cast<std::size_t>(k), searcher->slot);
    if (!found) throw std::runtime_error(std::string("USearch: ") + found.error.release());
    // USearch counts both itself. A vector per distance; per hop, a base-layer list of
    // connectivity_base 4-byte slots and its count.
    int64_t distances = static_cast<int64_t>(found.computed_distances);
    int64_t hops = static_cast<int64_t>(found.visited_members);
    work[0] = distances;
    work[1] = hops;
    work[2] = distances * static_cast<int64_t>(dense.bytes_per_vector()) +
              hops * static_cast<int64_t>(4 * (dense.config().connectivity_base + 1));
    return 0;
  });
}

void hnsw4j_peer_searcher_free(void* handle) {
  Searcher* searcher = static_cast<Searcher*>(handle);
  if (searcher == nullptr) return;
  {
    std::lock_guard<std::mutex> guard(searcher->index->slots_lock);
    searcher->index->slot_taken[searcher->slot] = false;
  }
  delete searcher;
}

void hnsw4j_peer_free(void* index) { delete static_cast<Index*>(index); }

const char* hnsw4j_peer_last_error(void) { return hnsw4j_peer::last_error().c_str(); }

}  // extern "C"
