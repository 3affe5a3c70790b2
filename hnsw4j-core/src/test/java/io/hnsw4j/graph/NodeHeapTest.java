package io.hnsw4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

  @Test
  void replacingTheTopKeepsWhatAPushAndAPopWouldKeep() {
    Random random = new Random(2);
    for (int k : new int[] {1, 2, 7, 40}) {
      NodeHeap replaced = NodeHeap.maxHeap(2);
      NodeHeap pushedAndPopped = NodeHeap.maxHeap(2);
      NodeHeap nearestFirst = NodeHeap.minHeap(2);
      NodeHeap nearestFirstReference = NodeHeap.minHeap(2);
      for (int i = 0; i < 2_000; i++) {
        float d = random.nextInt(50) / 4f - 3f; // ties, negatives
        long packed = NodeHeap.encode(d, i);
        if (replaced.size() < k) {
          replaced.push(d, i);
          pushedAndPopped.push(d, i);
        } else if (packed < replaced.peekPacked()) {
          replaced.replaceTop(d, i);
          pushedAndPopped.push(d, i);
          pushedAndPopped.popPacked();
        }
        // On a min-heap: a node no nearer than the top replaces it (a sliding "k farthest").
        if (nearestFirst.size() < k) {
          nearestFirst.push(d, i);
          nearestFirstReference.push(d, i);
        } else if (packed > nearestFirst.peekPacked()) {
          nearestFirst.replaceTop(d, i);
          nearestFirstReference.push(d, i);
          nearestFirstReference.popPacked();
        }
        assertEquals(pushedAndPopped.peekPacked(), replaced.peekPacked(), "k " + k + " step " + i);
        assertEquals(nearestFirstReference.peekPacked(), nearestFirst.peekPacked(), "k " + k + " step " + i);
      }
      assertArrayEquals(drained(pushedAndPopped), drained(replaced), "k " + k);
      assertArrayEquals(drained(nearestFirstReference), drained(nearestFirst), "k " + k);
    }
  }

  private static long[] drained(NodeHeap heap) {
    long[] out = new long[heap.size()];
    heap.drainAscending(out);
    return out;
  }
}
