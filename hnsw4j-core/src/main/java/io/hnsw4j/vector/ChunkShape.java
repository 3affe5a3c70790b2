package io.hnsw4j.vector;

/**
 * Per-node data lives in fixed-size chunks of 2^shift nodes, so growing never copies or moves
 * what readers may be looking at. The chunk size follows the expected node count: small indexes
 * stay small, big ones get chunks of 2^10 nodes, so the unused tail stays under 1024 nodes.
 */
public record ChunkShape(int shift) {
  public static final int MIN_SHIFT = 6;
  public static final int MAX_SHIFT = 10;

  public ChunkShape {
    if (shift < 0 || shift > 30) {
      throw new IllegalArgumentException("chunk shift out of range: " + shift);
    }
  }

  /** A shape suited to about {@code expectedNodes} nodes. */
  public static ChunkShape forCapacity(int expectedNodes) {
    int bits = 32 - Integer.numberOfLeadingZeros(Math.max(expectedNodes - 1, 1));
    return new ChunkShape(Math.clamp(bits, MIN_SHIFT, MAX_SHIFT));
  }

  public int mask() {
    return (1 << shift) - 1;
  }
}
