package io.hnsw4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.vector.ChunkShape;
import io.hnsw4j.vector.HeapVectorSpace;
import io.hnsw4j.vector.NodeScorer;
import io.hnsw4j.vector.VectorMetric;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A builder whose layer searches walk another copy ({@link GraphBuilder}'s walk scorers) searches
 * with that copy's distances and links by the floats'. A walk that scores twice the float
 * distance orders every node as the floats do (doubling a float is exact), so the graph must come
 * out node for node as the float build's: the seeds of each layer are the walk's, and the lists
 * are chosen from the candidates scored again with the floats.
 */
class WalkScorersTest {
  private static final int N = 1500;
  private static final int DIM = 12;

  @Test
  void aWalkThatOrdersAsTheFloatsDoBuildsTheSameGraph() {
    AtomicLong walked = new AtomicLong();
    HeapGraph plain = build(null);
    HeapGraph doubled = build(vectors -> node -> doubling(vectors.scorerFor(node), walked));
    assertTrue(walked.get() > 50L * N, "the inserts scored " + walked.get() + " nodes on the walk");
    int[] a = new int[2 * 8];
    int[] b = new int[2 * 8];
    for (int node = 0; node < N; node++) {
      assertEquals(plain.level(node), doubled.level(node), "level of " + node);
      for (int level = 0; level <= plain.level(node); level++) {
        int count = plain.neighbors(node, level, a);
        assertEquals(count, doubled.neighbors(node, level, b), "list of " + node + " on layer " + level);
        assertArrayEquals(Arrays.copyOf(a, count), Arrays.copyOf(b, count), "list of " + node + " on layer " + level);
      }
    }
  }

  @Test
  void aWalkThatOrdersBadlyStillBuildsAWholeGraph() {
    // Reversed distances lead the searches astray; the graph must still be whole (every node
    // reachable, lists within their degree, no self-links).
    HeapGraph reversed = build(vectors -> node -> reversing(vectors.scorerFor(node)));
    GraphInvariants.Report report = GraphInvariants.check(reversed);
    assertTrue(report.ok(), report.toString());
  }

  private static HeapGraph build(java.util.function.Function<HeapVectorSpace, IntFunction<NodeScorer>> walk) {
    ChunkShape shape = ChunkShape.forCapacity(N);
    HeapVectorSpace vectors = new HeapVectorSpace(DIM, new VectorMetric(VectorMetric.Kind.L2, "l2", null), shape);
    vectors.ensureCapacity(N);
    HeapGraph graph = new HeapGraph(8, shape);
    graph.ensureCapacity(N);
    SplittableRandom random = new SplittableRandom(5);
    GraphBuilder builder =
        new GraphBuilder(graph, vectors, walk == null ? null : walk.apply(vectors), new BuildParams(40, 1 / Math.log(8), false, false, 9));
    BuildWorkspace ws = new BuildWorkspace(new GraphSearcher(N, graph.maxDegree(0)));
    for (int node = 0; node < N; node++) {
      float[] v = new float[DIM];
      for (int i = 0; i < DIM; i++) {
        v[i] = (float) random.nextGaussian();
      }
      vectors.set(node, v);
      builder.insert(node, builder.randomLevel(), null, ws);
    }
    return graph;
  }

  private static NodeScorer doubling(NodeScorer floats, AtomicLong walked) {
    return node -> {
      walked.incrementAndGet();
      return 2 * floats.score(node);
    };
  }

  private static NodeScorer reversing(NodeScorer floats) {
    return node -> 1e6f - floats.score(node);
  }
}
