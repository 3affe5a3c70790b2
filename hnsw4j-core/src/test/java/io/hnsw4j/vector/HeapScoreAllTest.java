package io.hnsw4j.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A heap scorer's {@code scoreAll} (four nodes per kernel call from 256 dimensions, one by one
 * below) gives every node the distance {@code score} gives it, bit for bit, for counts that do and
 * do not divide by four, nodes in several chunks, and a query that is a stored vector (the build's
 * scorers).
 */
class HeapScoreAllTest {

  @ParameterizedTest(name = "{0} dim {1}")
  @CsvSource({"L2, 100", "L2, 256", "L2, 384", "L2, 385", "DOT, 128", "DOT, 384", "DOT, 771", "CUSTOM, 384"})
  void scoreAllEqualsScoreForEveryNode(VectorMetric.Kind kind, int dim) {
    int n = 300;
    Random random = new Random(kind.ordinal() * 1000L + dim);
    VectorMetric metric = kind == VectorMetric.Kind.CUSTOM
        ? new VectorMetric(kind, "manhattan", HeapScoreAllTest::manhattan)
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
      for (int count : new int[] {0, 1, 3, 4, 5, 8, 31, 64}) {
        int[] nodes = new int[count];
        for (int i = 0; i < count; i++) {
          nodes[i] = random.nextInt(n);
        }
        float[] out = new float[count + 2];
        scorer.scoreAll(nodes, count, out);
        for (int i = 0; i < count; i++) {
          assertEquals(Float.floatToRawIntBits(scorer.score(nodes[i])), Float.floatToRawIntBits(out[i]),
              kind + " dim " + dim + " count " + count + " node " + nodes[i]);
        }
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
