package io.hnsw4j.bench.jmh;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.Metric;
import io.hnsw4j.OpenOptions;
import io.hnsw4j.SearchResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one k = 10 search on a built index of 50,000 clustered vectors, on the heap and
 * memory-mapped, at a few beam widths. The index is built once per fork (seeded, one thread), so
 * every fork searches the same graph.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class SearchBenchmark {
  private static final int N = 50_000;
  private static final int QUERIES = 1024;

  @Param({"128"})
  int dims;

  @Param({"10", "50", "200"})
  int ef;

  @Param({"heap", "mapped"})
  String storage;

  private HnswIndex index;
  private Path file;
  private float[][] queries;
  private int next;

  @Setup(Level.Trial)
  public void build() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    float[][] centres = gaussian(random, 200, dims, 4);
    float[][] data = new float[N + QUERIES][];
    for (int i = 0; i < data.length; i++) {
      float[] centre = centres[random.nextInt(centres.length)];
      data[i] = new float[dims];
      for (int j = 0; j < dims; j++) {
        data[i][j] = centre[j] + (float) random.nextGaussian();
      }
    }
    long[] ids = new long[N];
    float[][] base = new float[N][];
    for (int i = 0; i < N; i++) {
      ids[i] = i;
      base[i] = data[i];
    }
    queries = java.util.Arrays.copyOfRange(data, N, N + QUERIES);
    try (HnswIndex built = HnswIndex.create(IndexConfig.builder(dims).metric(Metric.L2).m(16).efConstruction(100).build())) {
      built.addAll(ids, base, 1);
      file = Files.createTempFile("search-benchmark", ".hnsw");
      built.save(file);
    }
    index = HnswIndex.open(file, storage.equals("mapped") ? OpenOptions.MEMORY_MAPPED : OpenOptions.DEFAULT);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    index.close();
    Files.deleteIfExists(file);
  }

  @Benchmark
  public List<SearchResult> search() {
    float[] query = queries[next];
    next = (next + 1) & (QUERIES - 1);
    return index.search(query, 10, ef);
  }

  private static float[][] gaussian(SplittableRandom random, int n, int dims, double scale) {
    float[][] out = new float[n][dims];
    for (float[] v : out) {
      for (int j = 0; j < dims; j++) {
        v[j] = (float) (random.nextGaussian() * scale);
      }
    }
    return out;
  }
}
