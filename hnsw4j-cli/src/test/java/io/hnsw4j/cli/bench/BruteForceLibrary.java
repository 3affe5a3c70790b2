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
        return new Searcher() {
          @Override
          public int[] search(float[] query, int k, int ef) {
            float[][] part = java.util.Arrays.copyOf(base, rows(k, ef));
            return TestData.bruteForce(part, new float[][] {query}, k)[0];
          }

          // One distance per row scanned, no links.
          @Override
          public SearchWork work(float[] query, int k, int ef) {
            return new SearchWork(rows(k, ef), 0, 4.0 * rows(k, ef) * query.length);
          }
        };
      }

      private int rows(int k, int ef) {
        return Math.min(base.length, Math.max(k, ef * 20));
      }
    };
  }
}
