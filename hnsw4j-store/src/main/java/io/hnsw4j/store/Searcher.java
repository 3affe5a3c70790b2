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
  private static final int RETRIES = 3;

  /** Filters passing at least this share go to the graph without a probe (its plain filtered traversal copes). */
  static final double PROBE_BELOW = 0.5;
  /** A neighbourhood whose passing share is below this fraction of the filter's share is "far". */
  static final double FAR = 0.5;

  private final CollectionState state;
  private final Distance distance;
  private final StoreOptions options;

  Searcher(CollectionState state, StoreOptions options) {
    this.state = state;
    this.distance = state.config.distance();
    this.options = options;
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
      FilterIds ids = idFilter(query, passing, live, r.exact(), ef);
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

  /**
   * How the graph is asked: every passing point scored exactly (a reported count of 0) when the
   * request says so, when few pass, or when the passing points lie far from the query; otherwise
   * the true count, and the graph chooses its own way.
   */
  private FilterIds idFilter(float[] query, BitSet passing, int live, boolean exact, int ef) {
    if (exact) {
      return new FilterIds(passing, 0);
    }
    if (passing == null) {
      return null;
    }
    int count = passing.cardinality();
    double share = (double) count / live;
    if (share <= options.exactFilterShare()
        || (options.antiCorrelationProbe() && share < PROBE_BELOW && farFromQuery(query, passing, share, ef))) {
      return new FilterIds(passing, 0);
    }
    return new FilterIds(passing, count);
  }

  /**
   * Whether far fewer of the query's unfiltered nearest neighbours pass than the filter's share
   * predicts: then the passing points lie away from the query, and a filtered graph search
   * (which starts at the query's neighbourhood) loses them. Costs one unfiltered search.
   */
  private boolean farFromQuery(float[] query, BitSet passing, double share, int ef) {
    List<SearchResult> near = state.index.search(query, ef, ef, null);
    long inside = near.stream().filter(h -> h.id() <= Integer.MAX_VALUE && passing.get((int) h.id())).count();
    return inside < FAR * share * near.size();
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
