package io.hnsw4j.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A scorer's {@code scoreAll} (four nodes per kernel call from 256 dimensions, one by one below)
 * gives every node the distance {@code score} gives it, bit for bit, for counts that do and do not
 * divide by four: heap scorers (nodes in several chunks, and a query that is a stored vector, as
 * the build's scorers are) and scorers of a mapped section.
 */
class ScoreAllTest {

  @ParameterizedTest(name = "{0} dim {1}")
  @CsvSource({"L2, 100", "L2, 256", "L2, 384", "L2, 385", "DOT, 128", "DOT, 384", "DOT, 771", "CUSTOM, 384"})
  void scoreAllEqualsScoreForEveryNode(VectorMetric.Kind kind, int dim) {
    int n = 300;
    Random random = new Random(kind.ordinal() * 1000L + dim);
    VectorMetric metric = kind == VectorMetric.Kind.CUSTOM
        ? new VectorMetric(kind, "manhattan", ScoreAllTest::manhattan)
        : new VectorMetric(kind, kind.name(), null);
    HeapVectorSpace space = new HeapVectorSpace(dim, metric, new ChunkShape(6)); // 64 nodes a chunk
    space.ensureCapacity(n);
    for (int node = 0; node < n; node++) {
      float[] v = new float[dim];
      for (int i = 0; i < dim; i++) {
        v[i] = (float) random.nextGaussian();
      }
      space.set(node, v);
    }
    float[] query = space.vector(7);
    query[0] += 0.5f;
    for (NodeScorer scorer : new NodeScorer[] {space.scorer(query), space.scorerFor(123)}) {
      assertScoreAllEqualsScore(scorer, n, random, kind + " dim " + dim);
    }
  }

  @ParameterizedTest(name = "mapped {0} dim {1}")
  @CsvSource({"L2, 128", "L2, 384", "DOT, 384", "DOT, 390"})
  void mappedScoreAllEqualsScoreForEveryNode(VectorMetric.Kind kind, int dim) {
    int n = 200;
    Random random = new Random(kind.ordinal() * 777L + dim);
    ValueLayout.OfFloat le = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment section = arena.allocate((long) n * dim * Float.BYTES, 64);
      for (long i = 0; i < (long) n * dim; i++) {
        section.setAtIndex(le, i, (float) random.nextGaussian());
      }
      MappedVectorSpace space = new MappedVectorSpace(section, dim, new VectorMetric(kind, kind.name(), null));
      float[] query = space.vector(3);
      query[1] -= 0.25f;
      assertScoreAllEqualsScore(space.scorer(query), n, random, kind + " mapped dim " + dim);
    }
  }

  private static void assertScoreAllEqualsScore(NodeScorer scorer, int n, Random random, String what) {
    for (int count : new int[] {0, 1, 3, 4, 5, 8, 31, 64}) {
      int[] nodes = new int[count];
      for (int i = 0; i < count; i++) {
        nodes[i] = random.nextInt(n);
      }
      float[] out = new float[count + 2];
      scorer.scoreAll(nodes, count, out);
      for (int i = 0; i < count; i++) {
        assertEquals(Float.floatToRawIntBits(scorer.score(nodes[i])), Float.floatToRawIntBits(out[i]),
            what + " count " + count + " node " + nodes[i]);
      }
    }
  }

  private static float manhattan(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum;
  }
}
