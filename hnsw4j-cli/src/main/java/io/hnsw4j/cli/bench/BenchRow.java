package io.hnsw4j.cli.bench;

/**
 * One line of results.csv: one library at one ef. The column names and their order are an
 * interface that scripts rely on (see {@link ResultsCsv#HEADER}).
 *
 * @param recall mean recall@k against the ground truth
 * @param qps1t queries per second on one thread (median of the timed passes)
 * @param qpsNt queries per second on {@code threads} threads (median of the timed passes)
 * @param p50Ms median single-thread latency, milliseconds
 * @param p99Ms 99th percentile single-thread latency, milliseconds
 * @param buildS1t build time with one thread, seconds
 * @param buildSNt build time with {@code threads} threads, seconds
 * @param memoryBytes bytes the index holds, -1 when unknown
 * @param work what one search did on average (distances, hops, bytes read), or unknown
 * @param bandwidthGBs the machine's measured one-thread read bandwidth, GB/s, or -1
 */
public record BenchRow(
    String library,
    String dataset,
    String metric,
    int n,
    int dim,
    int m,
    int efConstruction,
    int ef,
    int k,
    double recall,
    double qps1t,
    double qpsNt,
    double p50Ms,
    double p99Ms,
    double buildS1t,
    double buildSNt,
    long memoryBytes,
    AnnLibrary.SearchWork work,
    double bandwidthGBs) {

  /**
   * The physical limit of one thread: queries per second if every byte a search reads streamed in
   * at the measured bandwidth, with no latency and no arithmetic; -1 when unknown.
   */
  public double limitQps() {
    return work.known() && work.bytes() > 0 && bandwidthGBs > 0 ? bandwidthGBs * 1e9 / work.bytes() : -1;
  }
}
