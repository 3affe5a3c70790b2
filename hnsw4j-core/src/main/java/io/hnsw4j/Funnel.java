package io.hnsw4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Funnel search over prefixes (the adaptive retrieval of Matryoshka Representation Learning,
 * Kusupati et al., 2022): the graph is built and traversed on the first {@code d1} components of
 * each vector, and the shortlist the traversal finds is reranked with longer prefixes and finally
 * with the full vector, so results carry exact full-dimension distances.
 *
 * <p>Prefix lengths form a strictly increasing cascade {@code d1 < d2 < ... <= dimension}. The
 * traversal (beam ef) keeps max(ef, k) candidates ranked at {@code d1}; each later prefix reranks
 * the candidates it receives and passes on the nearer half of them (never fewer than k); the full
 * vector then reranks what is left and the k nearest are returned. With one prefix length all
 * max(ef, k) candidates are reranked with the full vector.
 *
 * <p>Each prefix is a second float copy of that length kept on the heap beside the full vectors
 * (which stay the stored vectors: {@code vector(id)} returns what was added). For {@link
 * Metric#COSINE} a prefix is normalised again to unit length (cosine of the prefixes, as
 * Matryoshka models are used); for L2 and inner product it is used as it is.
 *
 * <p>{@link Rotation#NONE} suits embeddings trained Matryoshka-style (text-embedding-3,
 * nomic-embed, ...), whose leading components carry the most information. {@link Rotation#PCA}
 * suits the others: the index learns an orthonormal rotation onto the principal axes of the data
 * (see {@link Rotation#PCA}) and takes prefixes of the rotated vectors.
 *
 * @param prefixes the prefix lengths, strictly increasing, each at least 1 (at most {@link
 *     #MAX_STAGES} of them); the index's dimension bounds them, which {@link IndexConfig} checks
 * @param rotation what the prefixes are taken of
 */
public record Funnel(List<Integer> prefixes, Rotation rotation) {

  /** Most prefix lengths in one cascade. */
  public static final int MAX_STAGES = 8;

  /** Rows a PCA rotation is learned from, at most. */
  public static final int PCA_SAMPLE = 10_000;

  /** What the prefixes are taken of. */
  public enum Rotation {
    /** The vectors as they are given (Matryoshka-trained embeddings). */
    NONE,
    /**
     * The vectors rotated onto their principal axes, learned when the index gets its first
     * vectors: from the first {@link HnswIndex#addAll(long[], float[][], int)} batch (a seeded
     * sample of at most {@link #PCA_SAMPLE} of its rows; a single {@code add} before any batch is
     * refused), and fixed afterwards. L2 uses the covariance of the sample (centred); inner
     * product and cosine use its uncentred second moment, so that the rotation, which preserves
     * dot products and norms, puts the most energy of the vectors themselves first. Only the
     * first (largest prefix) rows of the rotation are kept, and they are stored in the index
     * file.
     */
    PCA
  }

  /**
   * Checks the cascade.
   *
   * @throws IllegalArgumentException if prefixes is null, empty, longer than {@link #MAX_STAGES},
   *     holds a length below 1 or is not strictly increasing, or rotation is null
   */
  public Funnel {
    if (prefixes == null || prefixes.isEmpty()) {
      throw new IllegalArgumentException("a funnel needs at least one prefix length");
    }
    if (rotation == null) {
      throw new IllegalArgumentException("rotation must not be null (Funnel.Rotation.NONE for none)");
    }
    if (prefixes.size() > MAX_STAGES) {
      throw new IllegalArgumentException(
          "a funnel has at most " + MAX_STAGES + " prefix lengths, got " + prefixes.size());
    }
    List<Integer> copy = new ArrayList<>(prefixes.size());
    int previous = 0;
    for (Integer length : prefixes) {
      if (length == null || length < 1) {
        throw new IllegalArgumentException("funnel prefix lengths must be at least 1, got " + length);
      }
      if (length <= previous) {
        throw new IllegalArgumentException(
            "funnel prefix lengths must be strictly increasing, got " + prefixes);
      }
      copy.add(length);
      previous = length;
    }
    prefixes = List.copyOf(copy);
  }

  /**
   * A funnel over prefixes of the vectors as given (Matryoshka-trained embeddings).
   *
   * @param prefixes the cascade of prefix lengths, strictly increasing
   * @return the funnel
   * @throws IllegalArgumentException if the cascade is not valid
   */
  public static Funnel of(int... prefixes) {
    return new Funnel(boxed(prefixes), Rotation.NONE);
  }

  /**
   * A funnel over prefixes of the vectors rotated onto their principal axes.
   *
   * @param prefixes the cascade of prefix lengths, strictly increasing
   * @return the funnel
   * @throws IllegalArgumentException if the cascade is not valid
   */
  public static Funnel pca(int... prefixes) {
    return new Funnel(boxed(prefixes), Rotation.PCA);
  }

  /**
   * The prefix length the graph is built and traversed on.
   *
   * @return the first prefix length
   */
  public int traversalDimension() {
    return prefixes.getFirst();
  }

  /**
   * The longest prefix length (rows of a PCA rotation).
   *
   * @return the last prefix length
   */
  public int longestPrefix() {
    return prefixes.getLast();
  }

  /**
   * The prefix lengths as an array.
   *
   * @return a new array
   */
  public int[] prefixArray() {
    return prefixes.stream().mapToInt(Integer::intValue).toArray();
  }

  /** As in the CLI: {@code 32,128} or {@code pca:32,128}. */
  @Override
  public String toString() {
    String lengths = String.join(",", prefixes.stream().map(String::valueOf).toList());
    return rotation == Rotation.NONE ? lengths : "pca:" + lengths;
  }

  private static List<Integer> boxed(int[] prefixes) {
    if (prefixes == null) {
      throw new IllegalArgumentException("a funnel needs at least one prefix length");
    }
    List<Integer> list = new ArrayList<>(prefixes.length);
    for (int p : prefixes) {
      list.add(p);
    }
    return list;
  }
}
