package io.hnsw4j.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeHeapTest {
  @Test
  void packingKeepsDistanceThenNodeOrderIncludingNegatives() {
    float[] distances = {-5f, -0.5f, -0f, 0f, 1e-30f, 0.25f, 3f, Float.MAX_VALUE, Float.POSITIVE_INFINITY};
    for (int i = 0; i < distances.length; i++) {
      assertEquals(distances[i], NodeHeap.distanceOf(NodeHeap.encode(distances[i], 7)));
      assertEquals(7, NodeHeap.nodeOf(NodeHeap.encode(distances[i], 7)));
      for (int j = i + 1; j < distances.length; j++) {
        if (distances[i] < distances[j]) {
          assertTrue(NodeHeap.encode(distances[i], 1000) < NodeHeap.encode(distances[j], 0));
        }
      }
    }
    assertTrue(NodeHeap.encode(1f, 3) < NodeHeap.encode(1f, 4));
  }

  @Test
  void minAndMaxHeapsAgreeWithSorting() {
    Random random = new Random(1);
    NodeHeap min = NodeHeap.minHeap(2);
    NodeHeap max = NodeHeap.maxHeap(2);
    long[] expected = new long[500];
    for (int i = 0; i < expected.length; i++) {
      float d = (float) random.nextGaussian();
      expected[i] = NodeHeap.encode(d, i);
      min.push(d, i);
      max.push(d, i);
    }
    Arrays.sort(expected);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], min.popPacked());
      assertEquals(expected[expected.length - 1 - i], max.popPacked());
    }
    assertTrue(min.isEmpty());
  }

  @Test
  void drainAscendingSorts() {
    NodeHeap max = NodeHeap.maxHeap(4);
    max.push(3f, 1);
    max.push(1f, 2);
    max.push(2f, 3);
    long[] out = new long[3];
    assertEquals(3, max.drainAscending(out));
    assertEquals(2, NodeHeap.nodeOf(out[0]));
    assertEquals(1, NodeHeap.nodeOf(out[2]));
    assertTrue(max.isEmpty());
  }
}
