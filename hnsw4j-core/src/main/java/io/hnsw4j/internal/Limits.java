package io.hnsw4j.internal;

/** Hard limits on configuration values, shared by the API's checks and the file reader's. */
public final class Limits {
  /** Largest vector dimension. */
  public static final int MAX_DIMENSION = 65_536;
  /** Largest M. */
  public static final int MAX_M = 512;
  /** Largest efConstruction, ef and k. */
  public static final int MAX_EF = 1 << 20;
  /** Highest level a node can get; P(level >= 32) is below 1e-9 even for M = 2. */
  public static final int MAX_LEVEL = 31;

  private Limits() {}
}
