package io.hnsw4j.store;

import io.hnsw4j.store.filter.Filter;
import io.hnsw4j.store.model.PayloadSelector;

/**
 * A nearest-neighbour query (Qdrant's {@code points/search}): the {@code limit} best points after
 * skipping {@code offset}, optionally only those passing {@code filter} and scoring at least as
 * well as {@code scoreThreshold}. {@code ef} overrides the collection's beam width (null: the
 * collection's); {@code exact} scores every candidate instead of searching the graph.
 */
public record SearchRequest(
    float[] vector,
    int limit,
    int offset,
    Float scoreThreshold,
    Integer ef,
    boolean exact,
    Filter filter,
    PayloadSelector withPayload,
    boolean withVector) {

  public SearchRequest {
    withPayload = withPayload == null ? PayloadSelector.NONE : withPayload;
  }

  /** A request for the 10 nearest points, no payload, no vector (Qdrant's defaults). */
  public static Builder builder(float[] vector) {
    return new Builder(vector);
  }

  /** Fills a {@link SearchRequest}; unset fields keep Qdrant's defaults. */
  public static final class Builder {
    private final float[] vector;
    private int limit = 10;
    private int offset;
    private Float scoreThreshold;
    private Integer ef;
    private boolean exact;
    private Filter filter;
    private PayloadSelector withPayload = PayloadSelector.NONE;
    private boolean withVector;

    private Builder(float[] vector) {
      this.vector = vector;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public Builder offset(int offset) {
      this.offset = offset;
      return this;
    }

    public Builder scoreThreshold(Float scoreThreshold) {
      this.scoreThreshold = scoreThreshold;
      return this;
    }

    public Builder ef(Integer ef) {
      this.ef = ef;
      return this;
    }

    public Builder exact(boolean exact) {
      this.exact = exact;
      return this;
    }

    public Builder filter(Filter filter) {
      this.filter = filter;
      return this;
    }

    public Builder withPayload(PayloadSelector withPayload) {
      this.withPayload = withPayload;
      return this;
    }

    public Builder withVector(boolean withVector) {
      this.withVector = withVector;
      return this;
    }

    public SearchRequest build() {
      return new SearchRequest(vector, limit, offset, scoreThreshold, ef, exact, filter, withPayload, withVector);
    }
  }
}
