package io.hnsw4j.cli.bench;

import io.hnsw4j.cli.TestData;

/**
 * A stand-in library for the runner's tests: exact search, made approximate on purpose for small
 * ef (it scans only the first ef * 20 rows) so that recall rises along the sweep.
 */
final class BruteForceLibrary implements AnnLibrary {
  @Override
  public String name() {
    return "brute";
  }

  @Override
  public BuiltIndex build(BuildRequest request) {
    float[][] base = request.base();
    return new BuiltIndex() {
      @Override
      public long memoryBytes() {
        return (long) base.length * base[0].length * 4;
      }

      @Override
      public Searcher searcher() {
        return (query, k, ef) -> {
          int rows = Math.min(base.length, Math.max(k, ef * 20));
          float[][] part = java.util.Arrays.copyOf(base, rows);
          return TestData.bruteForce(part, new float[][] {query}, k)[0];
        };
      }
    };
  }
}
