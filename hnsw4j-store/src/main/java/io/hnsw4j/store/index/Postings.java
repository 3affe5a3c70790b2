package io.hnsw4j.store.index;

import io.hnsw4j.store.filter.Bounds;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Value -> set of point numbers, in a hash map or, when {@code sorted}, a tree map that can answer
 * ranges. A value's set is dropped when its last point leaves.
 */
final class Postings<K extends Comparable<K>> {
  private final Map<K, BitSet> map;

  Postings(boolean sorted) {
    this.map = sorted ? new TreeMap<>() : new HashMap<>();
  }

  void add(K value, int point) {
    map.computeIfAbsent(value, v -> new BitSet()).set(point);
  }

  void remove(K value, int point) {
    BitSet points = map.get(value);
    if (points != null) {
      points.clear(point);
      if (points.isEmpty()) {
        map.remove(value);
      }
    }
  }

  /** A new set: the points holding this value. */
  BitSet get(K value) {
    BitSet points = map.get(value);
    return points == null ? new BitSet() : (BitSet) points.clone();
  }

  /** A new set: the points holding any of these values. */
  BitSet any(Collection<K> values) {
    BitSet out = new BitSet();
    for (K v : values) {
      BitSet points = map.get(v);
      if (points != null) {
        out.or(points);
      }
    }
    return out;
  }

  /** A new set: the points holding a value that passes {@code test} (every value is tried). */
  BitSet matching(java.util.function.Predicate<K> test) {
    BitSet out = new BitSet();
    map.forEach((value, points) -> {
      if (test.test(value)) {
        out.or(points);
      }
    });
    return out;
  }

  /** A new set: the points holding a value within the bounds (sorted postings only). */
  BitSet range(Bounds<K> bounds) {
    NavigableMap<K, BitSet> sorted = (NavigableMap<K, BitSet>) map;
    K lower = bounds.lower();
    K upper = bounds.upper();
    BitSet out = new BitSet();
    if (lower != null && upper != null && lower.compareTo(upper) > 0) {
      return out;
    }
    NavigableMap<K, BitSet> part = sorted;
    if (lower != null) {
      part = part.tailMap(lower, !bounds.lowerStrict());
    }
    if (upper != null) {
      part = part.headMap(upper, !bounds.upperStrict());
    }
    part.values().forEach(out::or);
    return out;
  }

  /** The entries of sorted postings between two inclusive keys, for a caller that filters further. */
  NavigableMap<K, BitSet> between(K from, K to) {
    return from.compareTo(to) > 0 ? new TreeMap<>() : ((NavigableMap<K, BitSet>) map).subMap(from, true, to, true);
  }
}
