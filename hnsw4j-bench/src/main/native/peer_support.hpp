// What the three native peers share: the error convention of hnsw4j_peer.h, argument checks,
// normalisation for cosine, and the parallel insert loop.
#ifndef HNSW4J_PEER_SUPPORT_HPP
#define HNSW4J_PEER_SUPPORT_HPP

#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>

#include <omp.h>

namespace hnsw4j_peer {

inline std::string& last_error() {
  thread_local std::string message;
  return message;
}

// Runs body and returns its result; an exception becomes fallback and the thread's last error,
// since no C++ exception may cross into the Java caller.
template <typename Result, typename Body>
Result guarded(Result fallback, Body body) noexcept {
  try {
    last_error().clear();
    return body();
  } catch (const std::exception& e) {
    last_error() = e.what();
  } catch (...) {
    last_error() = "unknown C++ exception";
  }
  return fallback;
}

inline void check_build_arguments(int32_t dim, int32_t metric, int32_t m, int32_t ef_construction,
                                  const float* rows, int64_t count, int32_t threads) {
  if (dim < 1) throw std::invalid_argument("dimension must be >= 1, got " + std::to_string(dim));
  if (metric < 0 || metric > 2)
    throw std::invalid_argument("metric code must be 0, 1 or 2, got " + std::to_string(metric));
  if (m < 2) throw std::invalid_argument("M must be >= 2, got " + std::to_string(m));
  if (ef_construction < 1)
    throw std::invalid_argument("efConstruction must be >= 1, got " +
                                std::to_string(ef_construction));
  if (rows == nullptr || count < 1 || count > INT32_MAX)
    throw std::invalid_argument("need between 1 and 2^31-1 rows, got " + std::to_string(count));
  if (threads < 1) throw std::invalid_argument("threads must be >= 1, got " + std::to_string(threads));
}

inline void check_search_arguments(int32_t k, int32_t ef, int32_t* ids) {
  if (k < 1) throw std::invalid_argument("k must be >= 1, got " + std::to_string(k));
  if (ef < 1) throw std::invalid_argument("ef must be >= 1, got " + std::to_string(ef));
  if (ids == nullptr) throw std::invalid_argument("no buffer for the ids");
}

// Writes x / |x| to out (a zero vector is copied unchanged), as hnswlib's Python bindings do
// for their cosine space.
inline void normalise(const float* x, float* out, int32_t dim) {
  double norm = 0;
  for (int32_t i = 0; i < dim; i++) norm += static_cast<double>(x[i]) * x[i];
  float scale = norm > 0 ? static_cast<float>(1 / std::sqrt(norm)) : 1.0f;
  for (int32_t i = 0; i < dim; i++) out[i] = x[i] * scale;
}

// Calls insert(row, thread) for every row on threads OpenMP threads, rows handed out in small
// chunks; the first exception is rethrown after the loop (none may leave an OpenMP region).
template <typename Insert>
void insert_all(int64_t count, int32_t threads, Insert insert) {
  std::mutex error_lock;
  std::exception_ptr error;
#pragma omp parallel for num_threads(threads) schedule(dynamic, 64)
  for (int64_t row = 0; row < count; row++) {
    try {
      insert(row, static_cast<std::size_t>(omp_get_thread_num()));
    } catch (...) {
      std::lock_guard<std::mutex> guard(error_lock);
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace hnsw4j_peer

#endif
