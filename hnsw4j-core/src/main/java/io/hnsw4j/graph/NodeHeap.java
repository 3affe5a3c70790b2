package io.hnsw4j.graph;

import java.util.Arrays;

/**
 * A binary heap of (distance, node) pairs packed into longs, so that one long comparison orders
 * by distance and then by node: no object per entry. A min-heap pops the nearest first; a max-heap
 * (for the ef best results) exposes the farthest at the top.
 *
 * <p>The slot after the last entry always holds {@link #PAST_END}, which no key passes, so a sift
 * down takes the smaller child without asking whether the right one exists, and without a branch:
 * which child is smaller is a coin toss the CPU mispredicts half the time, and the sift of a
 * search's two heaps was the largest cost after the distance kernel on an index in the caches.
 */
public final class NodeHeap {
  /** Stored after the last entry. A key equal to it ties, and a tie takes the left child. */
  private static final long PAST_END = Long.MAX_VALUE;

  private final boolean max;
  private long[] heap;
  private int size;

  private NodeHeap(boolean max, int initialCapacity) {
    this.max = max;
    this.heap = new long[Math.max(initialCapacity, 8)];
    heap[0] = PAST_END;
  }

  public static NodeHeap minHeap(int initialCapacity) {
    return new NodeHeap(false, initialCapacity);
  }

  public static NodeHeap maxHeap(int initialCapacity) {
    return new NodeHeap(true, initialCapacity);
  }

  /** Maps a float to an int with the same order under signed comparison (negatives included). */
  static int sortableBits(float f) {
    int bits = Float.floatToRawIntBits(f);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  static float fromSortableBits(int bits) {
    return Float.intBitsToFloat(bits ^ ((bits >> 31) & 0x7fffffff));
  }

  /** Packs distance and node; ordering of the long is (distance, node). */
  public static long encode(float distance, int node) {
    return ((long) sortableBits(distance) << 32) | (node & 0xffffffffL);
  }

  public static float distanceOf(long packed) {
    return fromSortableBits((int) (packed >> 32));
  }

  public static int nodeOf(long packed) {
    return (int) packed;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public void clear() {
    size = 0;
    heap[0] = PAST_END;
  }

  public void push(float distance, int node) {
    pushPacked(encode(distance, node));
  }

  public void pushPacked(long packed) {
    // A max-heap stores complements: ~x reverses signed order, so one sift routine serves both.
    long key = max ? ~packed : packed;
    if (size + 1 == heap.length) {
      heap = Arrays.copyOf(heap, heap.length * 2);
    }
    int i = size++;
    heap[size] = PAST_END;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      long p = heap[parent];
      if (p <= key) {
        break;
      }
      heap[i] = p;
      i = parent;
    }
    heap[i] = key;
  }

  /** The top entry (nearest for a min-heap, farthest for a max-heap), packed. */
  public long peekPacked() {
    return max ? ~heap[0] : heap[0];
  }

  /**
   * The entry a second pop would return, packed: the smaller child of the top (the slot after the
   * last entry holds {@link #PAST_END}, so with two entries the right child is never taken). Only
   * when {@link #size()} is at least 2.
   */
  public long peekSecondPacked() {
    long second = Math.min(heap[1], heap[2]);
    return max ? ~second : second;
  }

  public float peekDistance() {
    return distanceOf(peekPacked());
  }

  public long popPacked() {
    long top = heap[0];
    long last = heap[--size];
    heap[size] = PAST_END;
    siftDown(last);
    return max ? ~top : top;
  }

  /**
   * Replaces the top entry by {@code (distance, node)}, which must not come after it in the heap's
   * order: what a push and then a pop would leave, for one pass down the heap instead of one up
   * and one down (a full results heap taking a nearer node).
   */
  public void replaceTop(float distance, int node) {
    long packed = encode(distance, node);
    siftDown(max ? ~packed : packed);
  }

  /**
   * Puts {@code key} at the root's place and moves it down to where it belongs. A right child at
   * {@code size} is the {@link #PAST_END} slot, never the smaller one.
   */
  private void siftDown(long key) {
    long[] h = heap;
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int left = 2 * i + 1;
      long l = h[left];
      long r = h[left + 1];
      int child = left + (r < l ? 1 : 0);
      long c = Math.min(l, r);
      if (key <= c) {
        break;
      }
      h[i] = c;
      i = child;
    }
    h[i] = key;
  }

  /** The i-th stored entry in heap order (not sorted), packed. */
  public long packedAt(int i) {
    return max ? ~heap[i] : heap[i];
  }

  /**
   * Empties the heap into {@code dest} sorted nearest first (by distance, then node) and returns
   * the count.
   */
  public int drainAscending(long[] dest) {
    int n = size;
    for (int i = 0; i < n; i++) {
      dest[i] = max ? ~heap[i] : heap[i];
    }
    Arrays.sort(dest, 0, n);
    clear();
    return n;
  }
}
