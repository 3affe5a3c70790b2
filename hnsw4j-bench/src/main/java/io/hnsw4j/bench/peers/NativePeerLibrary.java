package io.hnsw4j.bench.peers;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.hnsw4j.Metric;
import io.hnsw4j.cli.bench.AnnLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A C++ library (hnswlib, USearch or FAISS) as the harness sees it: the rows are copied once
 * into native memory and built by the library's own code on N threads; each search is one
 * native call, with the query copied into a buffer the searcher owns and the ids copied back.
 * What each library does with M, efConstruction, ef and the metric is in its shim under
 * {@code hnsw4j-bench/src/main/native}.
 */
public final class NativePeerLibrary implements AnnLibrary {
  private final NativePeer peer;

  private NativePeerLibrary(NativePeer peer) {
    this.peer = peer;
  }

  /**
   * The peer compiled as {@code libhnsw4j-peer-NAME.so}.
   *
   * @param name hnswlib, usearch or faiss
   * @throws IllegalStateException if {@code scripts/build-native-peers.sh} has not built it
   */
  public static NativePeerLibrary load(String name) {
    return new NativePeerLibrary(NativePeer.load(name));
  }

  @Override
  public String name() {
    return peer.name();
  }

  /** The library, its version and its compiled kernels, e.g. {@code hnswlib 0.8.0 (...)}. */
  public String describe() {
    return peer.describe();
  }

  @Override
  public BuiltIndex build(BuildRequest request) {
    float[][] base = request.base();
    int dim = base[0].length;
    MemorySegment index;
    try (Arena rows = Arena.ofConfined()) {
      MemorySegment packed = rows.allocate((long) base.length * dim * Float.BYTES, 64);
      for (int i = 0; i < base.length; i++) {
        if (base[i].length != dim) {
          throw new IllegalArgumentException("row " + i + " has dimension " + base[i].length
              + ", expected " + dim);
        }
        MemorySegment.copy(base[i], 0, packed, JAVA_FLOAT, (long) i * dim * Float.BYTES, dim);
      }
      index = peer.build(dim, metricCode(request.metric()), request.m(),
          request.efConstruction(), request.seed(), packed, base.length, request.threads());
    }
    return new NativeIndex(peer, index, dim);
  }

  /** The metric codes of hnsw4j_peer.h. */
  static int metricCode(Metric metric) {
    Vectors.requireBuiltIn(metric);
    return switch (metric.kind()) {
      case L2 -> 0;
      case INNER_PRODUCT -> 1;
      default -> 2;
    };
  }

  /** A built native index and the searchers made for it, all freed by {@link #close}. */
  private static final class NativeIndex implements BuiltIndex {
    private final NativePeer peer;
    private final MemorySegment index;
    private final int dim;
    // Searchers are made on one thread and used on others: their buffers need a shared arena.
    private final Arena buffers = Arena.ofShared();
    private final List<MemorySegment> searchers = new ArrayList<>();
    private boolean closed;

    NativeIndex(NativePeer peer, MemorySegment index, int dim) {
      this.peer = peer;
      this.index = index;
      this.dim = dim;
    }

    @Override
    public long memoryBytes() {
      return peer.memoryBytes(index);
    }

    @Override
    public synchronized Searcher searcher() {
      MemorySegment searcher = peer.newSearcher(index);
      searchers.add(searcher);
      MemorySegment query = buffers.allocate((long) dim * Float.BYTES, 64);
      MemorySegment work = buffers.allocate(3L * Long.BYTES, 8);
      return new Searcher() {
        private MemorySegment ids = buffers.allocate(100L * Integer.BYTES);

        @Override
        public int[] search(float[] vector, int k, int ef) {
          if (vector.length != dim) {
            throw new IllegalArgumentException("query has dimension " + vector.length
                + ", the index " + dim);
          }
          if (k > ids.byteSize() / Integer.BYTES) {
            ids = grow(k);
          }
          MemorySegment.copy(vector, 0, query, JAVA_FLOAT, 0, dim);
          int found = peer.search(searcher, query, k, ef, ids);
          int[] out = new int[found];
          MemorySegment.copy(ids, JAVA_INT, 0, out, 0, found);
          return out;
        }

        @Override
        public SearchWork work(float[] vector, int k, int ef) {
          if (vector.length != dim) {
            throw new IllegalArgumentException("query has dimension " + vector.length
                + ", the index " + dim);
          }
          MemorySegment.copy(vector, 0, query, JAVA_FLOAT, 0, dim);
          if (!peer.searchWork(searcher, query, k, ef, work)) {
            return SearchWork.UNKNOWN;
          }
          return new SearchWork(work.getAtIndex(JAVA_LONG, 0), work.getAtIndex(JAVA_LONG, 1),
              work.getAtIndex(JAVA_LONG, 2));
        }
      };
    }

    private synchronized MemorySegment grow(int k) {
      return buffers.allocate((long) k * Integer.BYTES);
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      for (MemorySegment searcher : searchers) {
        peer.freeSearcher(searcher);
      }
      searchers.clear();
      peer.free(index);
      buffers.close();
    }
  }
}
