package io.hnsw4j.bench.jmh;

import io.hnsw4j.simd.Int4Query;
import io.hnsw4j.simd.PanamaVectorOps;
import io.hnsw4j.simd.ScalarVectorOps;
import io.hnsw4j.simd.VectorOps;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Time of one distance computation between two vectors of {@code dims} floats that sit in L1 cache,
 * for the scalar and the Vector API kernels. Each (dims, impl) pair runs in its own fork, so the
 * {@link VectorOps} call site stays monomorphic as it is in a real index. {@code dotInt8} is the
 * int8 traversal's kernel (float query, byte codes) beside the float {@code dot}; {@code dotBits}
 * the 1-bit traversal's (a 4-bit query as four bit planes against one bit per dimension);
 * {@code dotInt4} the 4-bit traversal's (the query as {@link Int4Query} weights, two codes a byte).
 * {@code dot4} scores four vectors in one call (what heap searches use from 256 dimensions), beside
 * {@code dotFourCalls}, the same four by four calls of {@code dot}; in L1 they show the arithmetic,
 * not the memory-level parallelism the batch is for.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DistanceKernelBenchmark {

  private static final ValueLayout.OfFloat LE_FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  @Param({"96", "100", "128", "384", "768", "784", "1536"})
  int dims;

  @Param({"scalar", "panama"})
  String impl;

  private VectorOps ops;
  private float[] a;
  private float[] b;
  private float[] c;
  private float[] d;
  private float[] e;
  private final float[] four = new float[4];
  private Arena arena;
  private MemorySegment bSegment;
  private byte[] codes;
  private int words;
  private long[] planes;
  private byte[] bits;
  private float[] int4Weights;
  private byte[] int4Codes;

  @Setup
  public void setUp() {
    ops =
        switch (impl) {
          case "scalar" -> new ScalarVectorOps();
          case "panama" -> new PanamaVectorOps();
          default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
    SplittableRandom random = new SplittableRandom(42);
    a = new float[dims];
    b = new float[dims];
    for (int i = 0; i < dims; i++) {
      a[i] = (float) random.nextDouble(-1, 1);
      b[i] = (float) random.nextDouble(-1, 1);
    }
    c = b.clone();
    d = a.clone();
    e = b.clone();
    codes = new byte[dims];
    for (int i = 0; i < dims; i++) {
      codes[i] = (byte) random.nextInt(-127, 128);
    }
    words = (dims + 63) / 64;
    planes = new long[4 * words];
    bits = new byte[8 * words];
    for (int i = 0; i < planes.length; i++) {
      planes[i] = random.nextLong();
    }
    random.nextBytes(bits);
    int4Weights = Int4Query.weights(a);
    int4Codes = new byte[Int4Query.bytes(dims)];
    random.nextBytes(int4Codes);
    // Shared: JMH may run setup and the measured loop on different threads.
    arena = Arena.ofShared();
    bSegment = arena.allocate((long) dims * Float.BYTES, 64);
    for (int i = 0; i < dims; i++) {
      bSegment.setAtIndex(LE_FLOAT, i, b[i]);
    }
  }

  @TearDown
  public void tearDown() {
    arena.close();
  }

  @Benchmark
  public float dot() {
    return ops.dot(a, 0, b, 0, dims);
  }

  @Benchmark
  public float[] dot4() {
    ops.dot4(a, 0, b, 0, c, 0, d, 0, e, 0, dims, four, 0);
    return four;
  }

  @Benchmark
  public float[] dotFourCalls() {
    four[0] = ops.dot(a, 0, b, 0, dims);
    four[1] = ops.dot(a, 0, c, 0, dims);
    four[2] = ops.dot(a, 0, d, 0, dims);
    four[3] = ops.dot(a, 0, e, 0, dims);
    return four;
  }

  @Benchmark
  public float squareDistance() {
    return ops.squareDistance(a, 0, b, 0, dims);
  }

  /** The int8 traversal kernel: a float query against one vector's codes (a quarter of the bytes). */
  @Benchmark
  public float dotInt8() {
    return ops.dotInt8(a, 0, codes, 0, dims);
  }

  /** The 1-bit traversal kernel: a 4-bit query's planes against one vector's bits (1/32 of the bytes). */
  /** The int4 traversal kernel: query weights against one vector's packed codes (an eighth of the bytes). */
  @Benchmark
  public float dotInt4() {
    return ops.dotInt4(int4Weights, int4Codes, 0, int4Codes.length);
  }

  @Benchmark
  public int dotBits() {
    return ops.dotBits(planes, bits, 0, words);
  }

  @Benchmark
  public float squareDistanceSegment() {
    return ops.squareDistance(a, 0, bSegment, 0, dims);
  }
}
