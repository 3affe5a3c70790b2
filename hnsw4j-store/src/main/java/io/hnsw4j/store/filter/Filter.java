package io.hnsw4j.store.filter;

import java.util.Arrays;
import java.util.List;

/**
 * A filter on points, as Qdrant's: every {@code must} condition holds, at least one {@code should}
 * condition holds (when the clause is present; an empty {@code should} passes nothing), no
 * {@code must_not} condition holds, and at least {@code min_count} conditions of
 * {@code min_should} hold. A null clause is absent. A filter is also a condition, so filters nest.
 * Build one with {@link FilterParser} from JSON or with the static helpers.
 */
public record Filter(List<Condition> must, List<Condition> should, List<Condition> mustNot, MinShould minShould)
    implements Condition {

  /** The filter that passes every point. */
  public static final Filter ALL = new Filter(null, null, null, null);

  public Filter {
    must = must == null ? null : List.copyOf(must);
    should = should == null ? null : List.copyOf(should);
    mustNot = mustNot == null ? null : List.copyOf(mustNot);
  }

  public static Filter must(Condition... conditions) {
    return new Filter(Arrays.asList(conditions), null, null, null);
  }

  public static Filter should(Condition... conditions) {
    return new Filter(null, Arrays.asList(conditions), null, null);
  }

  public static Filter mustNot(Condition... conditions) {
    return new Filter(null, null, Arrays.asList(conditions), null);
  }

  public static Filter minShould(int minCount, Condition... conditions) {
    return new Filter(null, null, null, new MinShould(Arrays.asList(conditions), minCount));
  }

  /** At least {@code minCount} of {@code conditions} hold. */
  public record MinShould(List<Condition> conditions, int minCount) {
    public MinShould {
      conditions = List.copyOf(conditions);
      if (minCount < 0) {
        throw new IllegalArgumentException("min_count must be >= 0, got " + minCount);
      }
    }
  }
}
