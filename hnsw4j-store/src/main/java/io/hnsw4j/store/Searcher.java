package io.hnsw4j.store;

import io.hnsw4j.IndexConfig;
import io.hnsw4j.SearchResult;
import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.FilterEvaluator;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.PayloadSelector;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.model.StoreException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The reads of a collection: search, scroll, count, retrieve. A filtered search first computes
 * the exact set of passing points (payload indexes, then payload reads), hands it to the graph as
 * an {@link io.hnsw4j.IdFilter}, and checks every hit again against the point's payload at the
 * moment of the answer, dropping points deleted or changed meanwhile (and searching further if
 * that leaves too few). Thread-safe; runs beside writes.
 */
final class Searcher {
  /**
   * Passing sets up to this share of the live points are scored exactly rather than searched in
   * the graph. Measured on 20k clustered vectors (see docs/store.md): the graph's own choice fell
   * below 0.95 recall@10 for filters that pass only points far from the query at 10-20%.
   */
  static final double EXACT_SHARE = 0.25;
  private static final int RETRIES = 3;

  private final CollectionState state;
  private final Distance distance;

  Searcher(CollectionState state) {
    this.state = state;
    this.distance = state.config.distance();
  }

  List<ScoredPoint> search(SearchRequest r) {
    float[] query = checkedQuery(r);
    int want = r.limit() + r.offset();
    int ef = r.ef() != null ? r.ef() : state.config.ef();
    if (r.limit() < 1 || r.offset() < 0 || want > IndexConfig.MAX_EF) {
      throw StoreException.badRequest("limit must be >= 1 and offset >= 0 with limit + offset <= " + IndexConfig.MAX_EF
          + ", got limit " + r.limit() + " and offset " + r.offset());
    }
    if (ef < 1 || ef > IndexConfig.MAX_EF) {
      throw StoreException.badRequest("hnsw_ef must be in 1.." + IndexConfig.MAX_EF + ", got " + ef);
    }
    PointNumbers.SearchGuard guard = state.numbers.enterSearch();
    try {
      BitSet passing = null;
      int live;
      FilterEvaluator evaluator;
      state.lock.readLock().lock();
      try {
        live = state.table.size();
        evaluator = state.planner.evaluator();
        if (r.filter() != null) {
          passing = state.planner.passing(r.filter());
        }
      } finally {
        state.lock.readLock().unlock();
      }
      if (live == 0 || (passing != null && passing.isEmpty())) {
        return List.of();
      }
      FilterIds ids = idFilter(passing, live, r.exact());
      List<Hit> hits = List.of();
      int asked = want;
      for (int attempt = 0; attempt < RETRIES; attempt++) {
        List<SearchResult> found = state.index.search(query, asked, ef, ids);
        hits = check(found, r.filter(), evaluator, r.withVector());
        if (hits.size() >= want || found.size() < asked) {
          break;
        }
        asked = Math.min(IndexConfig.MAX_EF, asked + want + 2 * (found.size() - hits.size()));
      }
      return answer(hits, r);
    } catch (IllegalArgumentException e) {
      throw StoreException.badRequest(e.getMessage());
    } finally {
      guard.close();
    }
  }

  private FilterIds idFilter(BitSet passing, int live, boolean exact) {
    if (exact) {
      return new FilterIds(passing, 0);
    }
    if (passing == null) {
      return null;
    }
    int count = passing.cardinality();
    return new FilterIds(passing, count <= EXACT_SHARE * live ? 0 : count);
  }

  /** A hit that is still live and passing: its record as of the check, its distance and vector. */
  private record Hit(PointRecord record, float distance, float[] vector) {}

  private List<Hit> check(List<SearchResult> found, Filter filter, FilterEvaluator evaluator, boolean withVector) {
    List<Hit> out = new ArrayList<>(found.size());
    state.lock.readLock().lock();
    try {
      for (SearchResult s : found) {
        int point = (int) s.id();
        PointRecord record = state.table.get(point);
        if (record == null || (filter != null && !evaluator.test(filter, record.id(), record.payload()))) {
          continue;
        }
        out.add(new Hit(record, s.distance(), withVector ? state.index.vector(point) : null));
      }
    } finally {
      state.lock.readLock().unlock();
    }
    return out;
  }

  private List<ScoredPoint> answer(List<Hit> hits, SearchRequest r) {
    List<ScoredPoint> out = new ArrayList<>(r.limit());
    int skipped = 0;
    for (Hit h : hits) {
      float score = distance.score(h.distance());
      if (r.scoreThreshold() != null && !distance.passes(score, r.scoreThreshold())) {
        break;
      }
      if (skipped++ < r.offset()) {
        continue;
      }
      if (out.size() == r.limit()) {
        break;
      }
      out.add(new ScoredPoint(h.record().id(), h.record().version(), score, r.withPayload().apply(h.record().payload()), h.vector()));
    }
    return out;
  }

  private float[] checkedQuery(SearchRequest r) {
    float[] v = r.vector();
    if (v == null) {
      throw StoreException.badRequest("vector is required");
    }
    Collection.checkVector(v, state.config, "vector");
    if (r.scoreThreshold() != null && !Float.isFinite(r.scoreThreshold())) {
      throw StoreException.badRequest("score_threshold must be finite, got " + r.scoreThreshold());
    }
    return v;
  }

  ScrollPage scroll(ScrollRequest r) {
    if (r.limit() < 1) {
      throw StoreException.badRequest("limit must be >= 1, got " + r.limit());
    }
    List<RetrievedPoint> page = new ArrayList<>();
    PointId next = null;
    state.lock.readLock().lock();
    try {
      BitSet passing = r.filter() == null ? null : state.planner.passing(r.filter());
      var from = r.offset() == null ? state.table.byId() : state.table.byId().tailMap(r.offset(), true);
      for (Map.Entry<PointId, Integer> e : from.entrySet()) {
        if (passing != null && !passing.get(e.getValue())) {
          continue;
        }
        if (page.size() == r.limit()) {
          next = e.getKey();
          break;
        }
        page.add(read(e.getValue(), r.withPayload(), r.withVector()));
      }
    } finally {
      state.lock.readLock().unlock();
    }
    return new ScrollPage(page, next);
  }

  long count(Filter filter, boolean exact) {
    state.lock.readLock().lock();
    try {
      if (filter == null) {
        return state.table.size();
      }
      return exact ? state.planner.passing(filter).cardinality() : state.planner.estimateCount(filter);
    } finally {
      state.lock.readLock().unlock();
    }
  }

  List<RetrievedPoint> retrieve(List<PointId> ids, PayloadSelector withPayload, boolean withVector) {
    List<RetrievedPoint> out = new ArrayList<>(ids.size());
    state.lock.readLock().lock();
    try {
      for (PointId id : new LinkedHashSet<>(ids)) {
        int point = state.table.pointOf(id);
        if (point >= 0) {
          out.add(read(point, withPayload, withVector));
        }
      }
    } finally {
      state.lock.readLock().unlock();
    }
    return out;
  }

  /** With the read lock held: a point as a reader gets it. */
  private RetrievedPoint read(int point, PayloadSelector withPayload, boolean withVector) {
    PointRecord record = state.table.get(point);
    return new RetrievedPoint(record.id(), withPayload.apply(record.payload()), withVector ? state.index.vector(point) : null);
  }
}
