package io.hnsw4j.store.filter;

import java.util.Set;

/**
 * What a {@code match} condition asks of a field's values. A point passes when some element of
 * the field (an array's elements, or the value itself) matches; {@code except} is the exception,
 * see {@link ExceptKeywords}.
 */
public sealed interface Match {

  /** {@code {"value": "text"}}: a string element equal to it. */
  record Keyword(String value) implements Match {}

  /** {@code {"value": 7}}: an integer element equal to it (3.0 is not an integer). */
  record Integer(long value) implements Match {}

  /** {@code {"value": true}}: a boolean element equal to it. */
  record Bool(boolean value) implements Match {}

  /** {@code {"any": ["a", "b"]}}: a string element in the set. */
  record AnyKeywords(Set<String> values) implements Match {
    public AnyKeywords {
      values = Set.copyOf(values);
    }
  }

  /** {@code {"any": [1, 2]}}: an integer element in the set. */
  record AnyIntegers(Set<Long> values) implements Match {
    public AnyIntegers {
      values = Set.copyOf(values);
    }
  }

  /**
   * {@code {"except": ["a", "b"]}}: some element that is not null and not one of these strings
   * (numbers, booleans and objects count as "not one of these"); a field that is absent passes,
   * as Qdrant's NOT IN does for missing values.
   */
  record ExceptKeywords(Set<String> values) implements Match {
    public ExceptKeywords {
      values = Set.copyOf(values);
    }
  }

  /** {@code {"except": [1, 2]}}: as {@link ExceptKeywords}, for integers. */
  record ExceptIntegers(Set<Long> values) implements Match {
    public ExceptIntegers {
      values = Set.copyOf(values);
    }
  }

  /**
   * {@code {"text": "good cheap"}}: on a field with a text index, every word of the query occurs
   * among the words of the field's strings; on a field without one, some string contains the
   * text as a substring (Qdrant's rule).
   */
  record Text(String text) implements Match {}
}
