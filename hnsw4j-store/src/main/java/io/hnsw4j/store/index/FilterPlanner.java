package io.hnsw4j.store.index;

import io.hnsw4j.store.filter.Condition;
import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.filter.FilterEvaluator;
import io.hnsw4j.store.model.PointId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the exact set of points that pass a filter. Conditions that an index answers cost a
 * set operation; the others are decided by reading payloads, but only of the points still in play:
 * in a {@code must}, indexed conditions go first and shrink the candidates the rest must read.
 * The caller holds the collection's read lock.
 */
public final class FilterPlanner {
  /** Points read to estimate a count when a filter needs payload reads. */
  public static final int ESTIMATE_SAMPLE = 1024;

  private final PayloadIndexes indexes;
  private final Points points;
  private final FilterEvaluator evaluator;

  public FilterPlanner(PayloadIndexes indexes, Points points) {
    this.indexes = indexes;
    this.points = points;
    this.evaluator = new FilterEvaluator(indexes::isTextIndexed);
  }

  /** The evaluator that agrees with this planner (same text-index rule). */
  public FilterEvaluator evaluator() {
    return evaluator;
  }

  /** The live points that pass {@code filter}, as a new set. */
  public BitSet passing(Filter filter) {
    return new Run().filter(filter, (BitSet) points.live().clone());
  }

  /**
   * An estimate of how many live points pass: exact when indexes and ids decide the filter alone,
   * otherwise the share of an evenly spread sample of {@link #ESTIMATE_SAMPLE} points.
   */
  public long estimateCount(Filter filter) {
    BitSet live = points.live();
    int n = live.cardinality();
    Run run = new Run();
    if (n <= ESTIMATE_SAMPLE || !run.needsPayloads(filter)) {
      return run.filter(filter, (BitSet) live.clone()).cardinality();
    }
    BitSet sample = new BitSet();
    double step = (double) n / ESTIMATE_SAMPLE;
    int rank = 0;
    double next = step / 2;
    for (int p = live.nextSetBit(0); p >= 0; p = live.nextSetBit(p + 1), rank++) {
      if (rank >= next) {
        sample.set(p);
        next += step;
      }
    }
    return Math.round(run.filter(filter, sample).cardinality() * (double) n / sample.cardinality());
  }

  /** One evaluation: remembers each condition's index answer so it is computed once. */
  private final class Run {
    private final Map<Condition, FieldIndex.Answer> answers = new IdentityHashMap<>();
    private final Set<Condition> unanswerable = Collections.newSetFromMap(new IdentityHashMap<>());

    private FieldIndex.Answer answer(Condition.FieldCondition f) {
      if (unanswerable.contains(f)) {
        return null;
      }
      FieldIndex.Answer a = answers.get(f);
      if (a == null) {
        a = indexes.answer(f);
        if (a == null) {
          unanswerable.add(f);
        } else {
          answers.put(f, a);
        }
      }
      return a;
    }

    /** The points of {@code candidates} (which this may change) that pass {@code filter}. */
    private BitSet filter(Filter filter, BitSet candidates) {
      BitSet result = candidates;
      if (filter.must() != null) {
        for (Condition c : cheapestFirst(filter.must())) {
          if (result.isEmpty()) {
            return result;
          }
          result = condition(c, result);
        }
      }
      if (filter.mustNot() != null) {
        for (Condition c : cheapestFirst(filter.mustNot())) {
          if (result.isEmpty()) {
            return result;
          }
          result.andNot(condition(c, (BitSet) result.clone()));
        }
      }
      if (filter.should() != null) {
        BitSet any = new BitSet();
        for (Condition c : cheapestFirst(filter.should())) {
          BitSet open = (BitSet) result.clone();
          open.andNot(any);
          if (open.isEmpty()) {
            break;
          }
          any.or(condition(c, open));
        }
        result = any;
      }
      if (filter.minShould() != null && filter.minShould().minCount() > 0) {
        result = atLeast(filter.minShould(), result);
      }
      return result;
    }

    private BitSet atLeast(Filter.MinShould minShould, BitSet candidates) {
      int[] hits = new int[candidates.length()];
      for (Condition c : minShould.conditions()) {
        BitSet passed = condition(c, (BitSet) candidates.clone());
        for (int p = passed.nextSetBit(0); p >= 0; p = passed.nextSetBit(p + 1)) {
          hits[p]++;
        }
      }
      BitSet out = new BitSet();
      for (int p = candidates.nextSetBit(0); p >= 0; p = candidates.nextSetBit(p + 1)) {
        if (hits[p] >= minShould.minCount()) {
          out.set(p);
        }
      }
      return out;
    }

    /** The points of {@code candidates} (which this may change) that pass one condition. */
    private BitSet condition(Condition c, BitSet candidates) {
      switch (c) {
        case Filter f -> {
          return filter(f, candidates);
        }
        case Condition.HasId h -> {
          BitSet ids = new BitSet();
          for (PointId id : h.ids()) {
            int p = points.pointOf(id);
            if (p >= 0) {
              ids.set(p);
            }
          }
          candidates.and(ids);
          return candidates;
        }
        case Condition.FieldCondition f -> {
          FieldIndex.Answer answer = answer(f);
          if (answer != null) {
            BitSet out = (BitSet) answer.matches().clone();
            if (answer.unsure() != null) {
              BitSet unsure = (BitSet) answer.unsure().clone();
              unsure.and(candidates);
              unsure.andNot(out);
              out.or(read(c, unsure));
            }
            out.and(candidates);
            return out;
          }
          return read(c, candidates);
        }
        case Condition.Nested n -> {
          return read(c, candidates);
        }
      }
    }

    /** Decides a condition by reading the payloads of the candidates. */
    private BitSet read(Condition c, BitSet candidates) {
      BitSet out = new BitSet();
      for (int p = candidates.nextSetBit(0); p >= 0; p = candidates.nextSetBit(p + 1)) {
        if (evaluator.test(c, points.idOf(p), points.payloadOf(p))) {
          out.set(p);
        }
      }
      return out;
    }

    /** Conditions that need no payload reads first, so the others read fewer points. */
    private List<Condition> cheapestFirst(List<Condition> conditions) {
      List<Condition> out = new ArrayList<>(conditions.size());
      for (Condition c : conditions) {
        if (!needsPayloads(c)) {
          out.add(c);
        }
      }
      for (Condition c : conditions) {
        if (needsPayloads(c)) {
          out.add(c);
        }
      }
      return out;
    }

    /** Whether deciding a condition reads any payload. */
    private boolean needsPayloads(Condition c) {
      return switch (c) {
        case Filter f ->
            anyNeeds(f.must()) || anyNeeds(f.should()) || anyNeeds(f.mustNot())
                || (f.minShould() != null && anyNeeds(f.minShould().conditions()));
        case Condition.HasId h -> false;
        case Condition.Nested n -> true;
        case Condition.FieldCondition f -> {
          FieldIndex.Answer probe = answer(f);
          yield probe == null || probe.unsure() != null;
        }
      };
    }

    private boolean anyNeeds(List<Condition> conditions) {
      return conditions != null && conditions.stream().anyMatch(this::needsPayloads);
    }
  }
}
