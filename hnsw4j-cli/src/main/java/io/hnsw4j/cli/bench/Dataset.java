package io.hnsw4j.cli.bench;

/**
 * Vectors to benchmark on.
 *
 * @param name the dataset column of the CSV
 * @param base base vectors, row i with id i
 * @param queries query vectors
 * @param groundTruth for each query the ids of its exact nearest neighbours, nearest first
 */
public record Dataset(String name, float[][] base, float[][] queries, int[][] groundTruth) {

  public int dimension() {
    return base[0].length;
  }
}
