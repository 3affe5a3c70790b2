package io.hnsw4j.store.filter;

/**
 * The bounds of a range condition: {@code gt}, {@code gte}, {@code lt}, {@code lte}, each optional
 * (null). A value passes when it satisfies every bound given; with none given every value of the
 * right kind passes.
 */
public record Bounds<T extends Comparable<T>>(T gt, T gte, T lt, T lte) {

  public boolean test(T value) {
    return (gt == null || value.compareTo(gt) > 0)
        && (gte == null || value.compareTo(gte) >= 0)
        && (lt == null || value.compareTo(lt) < 0)
        && (lte == null || value.compareTo(lte) <= 0);
  }

  /** The tighter of the two lower bounds (null when none); which one is strict is {@link #lowerStrict()}. */
  public T lower() {
    if (gt == null) {
      return gte;
    }
    return gte == null || gt.compareTo(gte) >= 0 ? gt : gte;
  }

  public boolean lowerStrict() {
    return gt != null && (gte == null || gt.compareTo(gte) >= 0);
  }

  /** The tighter of the two upper bounds (null when none). */
  public T upper() {
    if (lt == null) {
      return lte;
    }
    return lte == null || lt.compareTo(lte) <= 0 ? lt : lte;
  }

  public boolean upperStrict() {
    return lt != null && (lte == null || lt.compareTo(lte) <= 0);
  }
}
