package io.hnsw4j.vector;

/** Stored vectors under dense ordinals, and scorers over them. */
public interface VectorSpace {

  int dimension();

  /** A scorer for a query already prepared by the metric (normalised for cosine). */
  NodeScorer scorer(float[] query);

  /** A scorer whose query is the stored vector of {@code node}. */
  NodeScorer scorerFor(int node);

  /** Distance between two stored vectors. */
  default float distance(int a, int b) {
    return scorerFor(a).score(b);
  }

  /** A copy of the stored vector. */
  float[] vector(int node);

  /** Bytes held for vectors. */
  long memoryBytes();
}
