package io.hnsw4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
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

  /**
   * Pushes, pops, top replacements, clears and drains in a seeded random mix, against {@link
   * PriorityQueue}: the sift takes its children without asking whether the right one exists (a
   * sentinel follows the last entry), so every size, growth past the first capacity and a reuse
   * after clear are walked through, and the entry a second pop would return is peeked at. The two
   * keys equal to the sentinel (the largest key of each kind of heap) must come out in order too.
   */
  @Test
  void mixedOperationsAgreeWithAPriorityQueue() {
    long largestMinKey = NodeHeap.encode(Float.intBitsToFloat(0x7fffffff), -1);
    long smallestPacked = NodeHeap.encode(Float.intBitsToFloat(0xffffffff), 0);
    assertEquals(Long.MAX_VALUE, largestMinKey);
    assertEquals(Long.MIN_VALUE, smallestPacked); // stored complemented in a max-heap: Long.MAX_VALUE
    for (boolean max : new boolean[] {false, true}) {
      Random random = new Random(max ? 4 : 3);
      NodeHeap heap = max ? NodeHeap.maxHeap(1) : NodeHeap.minHeap(1);
      Comparator<Long> order = max ? Comparator.reverseOrder() : Comparator.naturalOrder();
      PriorityQueue<Long> reference = new PriorityQueue<>(order);
      for (int step = 0; step < 20_000; step++) {
        int op = random.nextInt(100);
        if (op < 55 || reference.isEmpty()) {
          long packed = switch (random.nextInt(40)) {
            case 0 -> max ? smallestPacked : largestMinKey;
            default -> NodeHeap.encode(random.nextInt(64) / 8f - 2f, random.nextInt(1_000)); // ties
          };
          heap.pushPacked(packed);
          reference.add(packed);
        } else if (op < 85) {
          assertEquals(reference.poll(), heap.popPacked(), "step " + step);
        } else if (op < 97) {
          long packed = NodeHeap.encode(random.nextInt(64) / 8f - 2f, random.nextInt(1_000));
          boolean notAfterTop = max ? packed <= reference.peek() : packed >= reference.peek();
          if (notAfterTop) {
            heap.replaceTop(NodeHeap.distanceOf(packed), NodeHeap.nodeOf(packed));
            reference.poll();
            reference.add(packed);
          }
        } else if (op < 99) {
          heap.clear();
          reference.clear();
        } else {
          long[] expected = reference.stream().mapToLong(Long::longValue).sorted().toArray();
          long[] out = new long[heap.size()];
          assertEquals(expected.length, heap.drainAscending(out));
          assertArrayEquals(expected, out, "step " + step);
          reference.clear();
        }
        assertEquals(reference.size(), heap.size(), "step " + step);
        if (!reference.isEmpty()) {
          assertEquals(reference.peek(), heap.peekPacked(), "step " + step);
        }
        if (reference.size() > 1 && (step % 16 == 0 || reference.size() < 4)) {
          long second = reference.stream().sorted(order).skip(1).findFirst().orElseThrow();
          assertEquals(second, heap.peekSecondPacked(), "second, step " + step);
        }
      }
    }
  }

  private static long[] drained(NodeHeap heap) {
    long[] out = new long[heap.size()];
    heap.drainAscending(out);
    return out;
  }
}
