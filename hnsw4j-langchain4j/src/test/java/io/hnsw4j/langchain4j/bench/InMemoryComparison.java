package io.hnsw4j.langchain4j.bench;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.hnsw4j.langchain4j.Hnsw4jEmbeddingStore;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * hnsw4j's LangChain4j store against LangChain4j's {@link InMemoryEmbeddingStore}, side by side in
 * one JVM on the same 384-d segments: time to add, retained heap, search latency (median and p99
 * of single queries, k = 10) and recall@10 against the in-memory store's exact answers, time and
 * size to persist, time to load. Run by {@code scripts/bench-langchain4j.sh}; a benchmark, not a
 * test.
 *
 * <p>Arguments: {@code --sizes 10000,100000,300000 --queries 200 --out DIR} and either
 * {@code --words FILE --query-words FILE} (real all-MiniLM-L6-v2 embeddings of one phrase per
 * line, embedded once and cached in {@code DIR}) or nothing (seeded random unit vectors);
 * {@code --prepare-only} stops once the data is embedded and cached.
 */
public final class InMemoryComparison {
  private static final int DIMENSION = 384;
  private static final int K = 10;
  private static final int WIDE_EF = 300;

  private InMemoryComparison() {}

  /** Runs the comparison; see the class description for the arguments. */
  public static void main(String[] args) throws Exception {
    int[] sizes = {10_000, 100_000, 300_000};
    int queries = 200;
    Path out = Path.of("bench-out/langchain4j");
    Path words = null;
    Path queryWords = null;
    boolean prepareOnly = false;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--prepare-only" -> {
          prepareOnly = true;
          i--;
        }
        case "--sizes" -> sizes = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--queries" -> queries = Integer.parseInt(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        case "--words" -> words = Path.of(args[i + 1]);
        case "--query-words" -> queryWords = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(out);
    int largest = Arrays.stream(sizes).max().orElseThrow();
    Data data = words == null
        ? Data.synthetic(largest, queries)
        : Data.embedded(words, queryWords, largest, queries, out);
    if (prepareOnly) {
      return;
    }
    System.out.println("data: " + data.name + ", " + largest + " base vectors, " + queries + " queries, " + DIMENSION + "-d");
    System.out.println(Row.HEADER);
    for (int n : sizes) {
      for (Row row : compare(data, n, out)) {
        System.out.println(row);
      }
    }
  }

  /** The segments to add: fresh copies, so that a store's retained heap counts what it keeps. */
  private record Batch(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
    static Batch of(Data data, int n) {
      Batch b = new Batch(new ArrayList<>(n), new ArrayList<>(n), new ArrayList<>(n));
      for (int i = 0; i < n; i++) {
        b.ids.add("segment-" + i);
        b.embeddings.add(new Embedding(data.base[i].clone()));
        b.segments.add(TextSegment.from(data.texts.get(i), new Metadata().put("row", i)));
      }
      return b;
    }
  }

  private static List<Row> compare(Data data, int n, Path out) throws IOException {
    List<Row> rows = new ArrayList<>();

    // LangChain4j's in-memory store: exact search, the ground truth.
    long heap0 = usedHeap();
    Batch batch = Batch.of(data, n);
    long t0 = System.nanoTime();
    InMemoryEmbeddingStore<TextSegment> memory = new InMemoryEmbeddingStore<>();
    memory.addAll(batch.ids, batch.embeddings, batch.segments);
    double addSeconds = seconds(t0);
    batch = null;
    long memoryBytes = usedHeap() - heap0;
    Search exact = search(memory, data.queries, null);
    Path json = out.resolve("in-memory-" + n + ".json");
    t0 = System.nanoTime();
    memory.serializeToFile(json);
    double persist = seconds(t0);
    long jsonBytes = Files.size(json);
    memory = null;
    usedHeap();
    t0 = System.nanoTime();
    InMemoryEmbeddingStore<TextSegment> loaded = InMemoryEmbeddingStore.fromFile(json);
    double load = seconds(t0);
    check(loaded.search(request(data.queries[0], 1)).matches().size() == 1, "in-memory store reloaded");
    loaded = null;
    Files.delete(json);
    rows.add(new Row("InMemoryEmbeddingStore", n, addSeconds, memoryBytes, exact.medianMs, exact.p99Ms, 1.0, persist, jsonBytes, load));

    // hnsw4j's store on a directory.
    Path dir = out.resolve("hnsw4j-" + n);
    deleteTree(dir);
    heap0 = usedHeap();
    batch = Batch.of(data, n);
    t0 = System.nanoTime();
    Hnsw4jEmbeddingStore store = Hnsw4jEmbeddingStore.builder().directory(dir).dimension(DIMENSION).build();
    store.addAll(batch.ids, batch.embeddings, batch.segments);
    addSeconds = seconds(t0);
    batch = null;
    memoryBytes = usedHeap() - heap0;
    Search graph = search(store, data.queries, exact.results);
    t0 = System.nanoTime();
    store.close();
    persist = seconds(t0);
    long dirBytes = treeSize(dir);
    store = null;
    usedHeap();
    t0 = System.nanoTime();
    Hnsw4jEmbeddingStore reopened = Hnsw4jEmbeddingStore.builder().directory(dir).build();
    load = seconds(t0);
    check(reopened.search(request(data.queries[0], K)).matches().equals(graph.first), "hnsw4j store reopened with the same answer");
    reopened.close();
    rows.add(new Row("Hnsw4jEmbeddingStore", n, addSeconds, memoryBytes, graph.medianMs, graph.p99Ms, graph.recall, persist, dirBytes, load));

    // The same collection searched with a wider beam: recall against latency.
    try (Hnsw4jEmbeddingStore wide = Hnsw4jEmbeddingStore.builder().directory(dir).ef(WIDE_EF).build()) {
      Search s = search(wide, data.queries, exact.results);
      rows.add(new Row("Hnsw4jEmbeddingStore, ef " + WIDE_EF, n, Double.NaN, -1, s.medianMs, s.p99Ms, s.recall, Double.NaN, -1, Double.NaN));
    }
    deleteTree(dir);
    return rows;
  }

  /** Latencies of single searches (after a warm-up) and recall@10 against {@code truth} when given. */
  private static Search search(EmbeddingStore<TextSegment> store, float[][] queries, List<Set<String>> truth) {
    for (int i = 0; i < Math.min(20, queries.length); i++) {
      store.search(request(queries[i], K));
    }
    double[] ms = new double[queries.length];
    List<Set<String>> results = new ArrayList<>();
    List<EmbeddingMatch<TextSegment>> first = null;
    int found = 0;
    for (int q = 0; q < queries.length; q++) {
      long t0 = System.nanoTime();
      List<EmbeddingMatch<TextSegment>> matches = store.search(request(queries[q], K)).matches();
      ms[q] = (System.nanoTime() - t0) / 1e6;
      first = first == null ? matches : first;
      Set<String> ids = new HashSet<>();
      matches.forEach(m -> ids.add(m.embeddingId()));
      results.add(ids);
      if (truth != null) {
        ids.retainAll(truth.get(q));
        found += ids.size();
      }
    }
    Arrays.sort(ms);
    double recall = truth == null ? 1.0 : found / (double) (K * queries.length);
    return new Search(ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.99) - 1], recall, results, first);
  }

  private record Search(double medianMs, double p99Ms, double recall, List<Set<String>> results, List<EmbeddingMatch<TextSegment>> first) {}

  private static EmbeddingSearchRequest request(float[] query, int k) {
    return EmbeddingSearchRequest.builder().queryEmbedding(new Embedding(query)).maxResults(k).build();
  }

  /** One line of the results table. */
  private record Row(String store, int n, double addSeconds, long heapBytes, double medianMs, double p99Ms, double recall,
      double persistSeconds, long diskBytes, double loadSeconds) {
    static final String HEADER = "| store | segments | add (s) | heap (MiB) | search p50 (ms) | search p99 (ms) | recall@10 | persist (s) | on disk (MiB) | load (s) |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "| %s | %,d | %s | %s | %.3f | %.3f | %.4f | %s | %s | %s |",
          store, n, number(addSeconds, "%.1f"), heapBytes < 0 ? "" : String.format(Locale.ROOT, "%.0f", heapBytes / 1048576.0),
          medianMs, p99Ms, recall, number(persistSeconds, "%.2f"),
          diskBytes < 0 ? "" : String.format(Locale.ROOT, "%.0f", diskBytes / 1048576.0), number(loadSeconds, "%.2f"));
    }

    private static String number(double value, String format) {
      return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
    }
  }

  /** Base vectors with their texts, and queries. */
  private record Data(String name, float[][] base, List<String> texts, float[][] queries) {
    static Data synthetic(int n, int q) {
      Random random = new Random(42);
      float[][] base = new float[n][];
      List<String> texts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        base[i] = unitGaussian(random);
        texts.add("synthetic " + i);
      }
      float[][] queries = new float[q][];
      for (int i = 0; i < q; i++) {
        queries[i] = unitGaussian(random);
      }
      return new Data("seeded random unit vectors (Gaussian, seed 42)", base, texts, queries);
    }

    static Data embedded(Path words, Path queryWords, int n, int q, Path cacheDir) throws IOException {
      List<String> texts = lines(words, n);
      List<String> queryTexts = lines(queryWords, q);
      check(texts.size() == n && queryTexts.size() == q, "enough lines in " + words + " and " + queryWords);
      return new Data("all-MiniLM-L6-v2 embeddings of " + words.getFileName() + " (queries: " + queryWords.getFileName() + ")",
          embed(texts, cacheDir.resolve("minilm-" + words.getFileName() + "-" + n + ".f32")), texts,
          embed(queryTexts, cacheDir.resolve("minilm-" + queryWords.getFileName() + "-" + q + ".f32")));
    }

    private static List<String> lines(Path file, int n) throws IOException {
      try (Stream<String> s = Files.lines(file)) {
        return s.limit(n).toList();
      }
    }

    /** The texts' embeddings, from the cache file when it is there (raw little-endian float32). */
    private static float[][] embed(List<String> texts, Path cache) throws IOException {
      float[][] out = new float[texts.size()][DIMENSION];
      if (Files.exists(cache) && Files.size(cache) == (long) texts.size() * DIMENSION * Float.BYTES) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache), 1 << 20))) {
          byte[] row = new byte[DIMENSION * Float.BYTES];
          for (float[] v : out) {
            in.readFully(row);
            ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
          }
        }
        return out;
      }
      AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
      long t0 = System.nanoTime();
      for (int from = 0; from < texts.size(); from += 256) {
        List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + 256)).stream().map(TextSegment::from).toList();
        List<Embedding> e = model.embedAll(batch).content();
        for (int i = 0; i < e.size(); i++) {
          out[from + i] = e.get(i).vector();
        }
        if (from % 25_600 == 0) {
          System.err.printf("embedded %d of %d (%.0f s)%n", from, texts.size(), seconds(t0));
        }
      }
      try (FileChannel ch = FileChannel.open(cache, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer row = ByteBuffer.allocate(DIMENSION * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : out) {
          row.clear();
          row.asFloatBuffer().put(v);
          ch.write(row);
        }
      }
      return out;
    }

    private static float[] unitGaussian(Random random) {
      float[] v = new float[DIMENSION];
      double norm = 0;
      for (int i = 0; i < DIMENSION; i++) {
        v[i] = (float) random.nextGaussian();
        norm += v[i] * v[i];
      }
      float inv = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < DIMENSION; i++) {
        v[i] *= inv;
      }
      return v;
    }
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("check failed: " + what);
    }
  }

  private static long treeSize(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
