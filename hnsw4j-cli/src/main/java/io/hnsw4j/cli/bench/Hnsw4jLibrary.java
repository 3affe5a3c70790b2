package io.hnsw4j.cli.bench;

import io.hnsw4j.Funnel;
import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.Quantization;
import io.hnsw4j.SearchCost;
import io.hnsw4j.SearchResult;
import io.hnsw4j.cli.progress.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * hnsw4j's own index, as the benchmark sees it: {@code hnsw4j} traverses the float vectors,
 * {@code hnsw4j-int8} int8 codes, {@code hnsw4j-int4} 4-bit and {@code hnsw4j-bit} 1-bit codes
 * whose candidates the floats rerank, {@code hnsw4j-funnel-64} (or {@code -32-128}) a funnel
 * over prefixes of the vectors as given and {@code hnsw4j-pca-64} one over prefixes of the
 * PCA-rotated vectors (see {@link #forName(String)}). A {@code -patient} variant of the first four
 * lets its searches stop early once their nearest settle ({@link HnswIndex#searchPatience(double)}
 * at 1/3), an {@code -eps} variant once their candidates lie beyond the k-th nearest by a margin
 * ({@link HnswIndex#searchEpsilon(double)} at 0.2).
 */
public final class Hnsw4jLibrary implements AnnLibrary {
  private static final Pattern FUNNEL_NAME = Pattern.compile("hnsw4j-(funnel|pca)((?:-\\d{1,5})+)");

  /** The fraction of ef that {@code -patient} libraries give {@link HnswIndex#searchPatience(double)}. */
  public static final double PATIENCE = 1.0 / 3;

  /** The slack that {@code -eps} libraries give {@link HnswIndex#searchEpsilon(double)}. */
  public static final double EPSILON = 0.2;

  private final Quantization quantization;
  private final Funnel funnel;
  private final double patience;
  private final double epsilon;

  /** The float index. */
  public Hnsw4jLibrary() {
    this(Quantization.NONE);
  }

  /** The index with this traversal encoding. */
  public Hnsw4jLibrary(Quantization quantization) {
    this(quantization, null);
  }

  /** The index with this funnel (see {@link #funnelOf(String)} for names). */
  public Hnsw4jLibrary(Funnel funnel) {
    this(Quantization.NONE, funnel);
  }

  private Hnsw4jLibrary(Quantization quantization, Funnel funnel) {
    this(quantization, funnel, 0, 0);
  }

  private Hnsw4jLibrary(Quantization quantization, Funnel funnel, double patience, double epsilon) {
    this.quantization = quantization;
    this.funnel = funnel;
    this.patience = patience;
    this.epsilon = epsilon;
  }

  /**
   * The index with this traversal encoding whose searches stop early (named {@code ...-patient}).
   *
   * @param quantization what its searches traverse
   * @return the library
   */
  public static Hnsw4jLibrary patient(Quantization quantization) {
    return new Hnsw4jLibrary(quantization, null, PATIENCE, 0);
  }

  /**
   * The index with this traversal encoding whose searches stop once their candidates lie beyond
   * the k-th nearest by {@link #EPSILON} of its distance (named {@code ...-eps}).
   *
   * @param quantization what its searches traverse
   * @return the library
   */
  public static Hnsw4jLibrary withEpsilon(Quantization quantization) {
    return new Hnsw4jLibrary(quantization, null, 0, EPSILON);
  }

  /**
   * The funnel a library name asks for: {@code hnsw4j-funnel-D1[-D2...]} (prefixes as given) or
   * {@code hnsw4j-pca-D1[-D2...]} (prefixes of the PCA-rotated vectors); null for other names.
   *
   * @throws IllegalArgumentException if the prefix lengths are not a valid cascade
   */
  public static Funnel funnelOf(String name) {
    Matcher m = FUNNEL_NAME.matcher(name);
    if (!m.matches()) {
      return null;
    }
    List<Integer> lengths = new ArrayList<>();
    for (String part : m.group(2).substring(1).split("-")) {
      lengths.add(Integer.parseInt(part));
    }
    return new Funnel(lengths, m.group(1).equals("pca") ? Funnel.Rotation.PCA : Funnel.Rotation.NONE);
  }

  /** The library name of a funnel, as {@link #funnelOf(String)} reads it. */
  static String funnelName(Funnel funnel) {
    return (funnel.rotation() == Funnel.Rotation.PCA ? "hnsw4j-pca-" : "hnsw4j-funnel-")
        + String.join("-", funnel.prefixes().stream().map(String::valueOf).toList());
  }

  @Override
  public String name() {
    if (funnel != null) {
      return funnelName(funnel);
    }
    String name = quantization == Quantization.NONE ? "hnsw4j" : "hnsw4j-" + codeName(quantization);
    return name + (patience > 0 ? "-patient" : "") + (epsilon > 0 ? "-eps" : "");
  }

  /** The library-name part of a quantization: int8, bit. */
  static String codeName(Quantization quantization) {
    return quantization == Quantization.BINARY ? "bit" : quantization.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public BuiltIndex build(BuildRequest request) {
    HnswIndex index = buildIndex(request, quantization, funnel);
    index.searchPatience(patience);
    index.searchEpsilon(epsilon);
    return new BuiltIndex() {
      @Override
      public long memoryBytes() {
        return index.statistics().memoryBytes();
      }

      @Override
      public Searcher searcher() {
        return Hnsw4jLibrary.searcher(index);
      }

      @Override
      public void close() {
        index.close();
      }
    };
  }

  /** A searcher that also reports the work of a search ({@link HnswIndex#lastSearchCost()}). */
  static Searcher searcher(HnswIndex index) {
    return new Searcher() {
      @Override
      public int[] search(float[] query, int k, int ef) {
        return ids(index.search(query, k, ef));
      }

      @Override
      public SearchWork work(float[] query, int k, int ef) {
        index.search(query, k, ef);
        SearchCost cost = index.lastSearchCost();
        return new SearchWork(cost.distanceComputations(), cost.expandedNodes(), cost.bytesRead());
      }
    };
  }

  /**
   * An index over the request's rows (row i gets id i), built with its parameters and threads,
   * with this traversal encoding and funnel (null for none).
   */
  static HnswIndex buildIndex(BuildRequest request, Quantization quantization, Funnel funnel) {
    float[][] base = request.base();
    IndexConfig config = IndexConfig.builder(base[0].length)
        .metric(request.metric())
        .m(request.m())
        .efConstruction(request.efConstruction())
        .initialCapacity(base.length)
        .seed(request.seed())
        .quantization(quantization)
        .funnel(funnel)
        .build();
    HnswIndex index = HnswIndex.create(config);
    addInChunks(index, base, request.threads(), request);
    return index;
  }

  /** Adds the rows (row i gets id i) with the request's threads, showing progress. */
  static void addInChunks(HnswIndex index, float[][] base, int threads, BuildRequest request) {
    addWithProgress(index, base, null, threads, request.progress(), "build " + threads + "t");
  }

  /**
   * Adds the rows (row i gets id i) on {@code threads} threads that take rows one at a time from
   * a shared cursor, reporting progress every few hundred rows: no thread waits for another, as
   * it would at the end of each slice of a sliced bulk add. The rows go in in the order of {@code
   * givenOrder} (a permutation of the rows, as {@link io.hnsw4j.InsertionOrder#permutation} gives),
   * or as given when it is null. An empty index whose PCA funnel has not learned its rotation yet,
   * or whose 1-bit or 4-bit codes have no centroid yet, gets a seeded sample of {@link
   * Funnel#PCA_SAMPLE} rows as one {@code addAll} batch first (the rotation or the centroid is
   * learned from them; see {@link #sampleFirst}), and the other rows after it in their order.
   */
  public static void addWithProgress(
      HnswIndex index, float[][] base, int[] givenOrder, int threads, Progress progress, String label) {
    if (progress != null) {
      progress.start(label, base.length);
    }
    boolean learns = learnsFromFirstBatch(index);
    int[] sequence = learns
        ? sampleFirst(givenOrder, base.length, Funnel.PCA_SAMPLE, index.config().seed())
        : givenOrder;
    AtomicInteger cursor = new AtomicInteger(learns ? addFirstBatch(index, base, sequence, threads) : 0);
    advance(progress, cursor.get());
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Runnable worker = () -> {
      int done = 0;
      try {
        for (int next; failure.get() == null && (next = cursor.getAndIncrement()) < base.length; ) {
          int row = sequence != null ? sequence[next] : next;
          index.add(row, base[row]);
          if (++done == PROGRESS_STEP) {
            advance(progress, done);
            done = 0;
          }
        }
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
      }
      advance(progress, done);
    };
    Thread[] helpers = new Thread[Math.max(0, Math.min(threads, base.length) - 1)];
    for (int t = 0; t < helpers.length; t++) {
      helpers[t] = new Thread(worker, "hnsw4j-build-" + (t + 1));
      helpers[t].start();
    }
    worker.run();
    for (Thread helper : helpers) {
      try {
        helper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while adding", e);
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    if (progress != null) {
      progress.finish();
    }
  }

  private static final int PROGRESS_STEP = 256;

  /** Whether the index learns a rotation or a centroid from its first batch and has no rows yet. */
  private static boolean learnsFromFirstBatch(HnswIndex index) {
    Funnel funnel = index.config().funnel();
    boolean learns = (funnel != null && funnel.rotation() == Funnel.Rotation.PCA)
        || index.config().quantization() == Quantization.BINARY
        || index.config().quantization() == Quantization.INT4;
    return learns && index.size() == 0;
  }

  /**
   * The insertion order with a seeded sample of {@code sampleSize} of its rows moved to the front
   * (in their order), the others after them in theirs. The first batch teaches an index its
   * centroid or rotation, so it must look like the whole set: files are often sorted (GloVe by word
   * frequency), and a centroid learned from glove-100's first 10,000 words cost the 4-bit index
   * 3.2 points of recall@10 at ef 160 on all 340k words (0.8992 against 0.9312).
   *
   * @param sequence the order of the rows (a permutation), or null for the rows as given
   */
  static int[] sampleFirst(int[] sequence, int rows, int sampleSize, long seed) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = sequence != null ? sequence[i] : i;
    }
    if (rows <= sampleSize) {
      return order;
    }
    int[] positions = new int[rows];
    for (int i = 0; i < rows; i++) {
      positions[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    boolean[] sampled = new boolean[rows];
    for (int i = 0; i < sampleSize; i++) {
      int j = i + random.nextInt(rows - i);
      int swap = positions[i];
      positions[i] = positions[j];
      positions[j] = swap;
      sampled[positions[i]] = true;
    }
    int[] out = new int[rows];
    int front = 0;
    int back = sampleSize;
    for (int i = 0; i < rows; i++) {
      if (sampled[i]) {
        out[front++] = order[i];
      } else {
        out[back++] = order[i];
      }
    }
    return out;
  }

  /**
   * Adds the batch a PCA funnel learns its rotation from, or 1-bit and 4-bit codes their
   * centroid (the first {@link Funnel#PCA_SAMPLE} rows of the order, a seeded sample that {@link
   * #sampleFirst} put there); returns its size.
   */
  private static int addFirstBatch(HnswIndex index, float[][] base, int[] sequence, int threads) {
    int n = Math.min(base.length, Funnel.PCA_SAMPLE);
    long[] ids = new long[n];
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) {
      ids[i] = sequence[i];
      rows[i] = base[sequence[i]];
    }
    index.addAll(ids, rows, threads);
    return n;
  }

  private static void advance(Progress progress, int rows) {
    if (progress != null && rows > 0) {
      progress.advance(rows);
    }
  }

  static int[] ids(List<SearchResult> results) {
    int[] ids = new int[results.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (int) results.get(i).id();
    }
    return ids;
  }
}
