package io.hnsw4j.bench.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real all-MiniLM-L6-v2 model on a handful of texts. */
class MiniLmEmbedderTest {
  private static final List<String> TEXTS =
      List.of(
          "a dog barks",
          "the puppy is barking",
          "stock prices fell",
          "Lantern: A small tower on a roof or dome, open at the sides to let in light and air.",
          "Nebula: A faint cloud of gas and dust among the stars.",
          "x",
          "");

  private static MiniLmEmbedder embedder;

  @BeforeAll
  static void load() throws Exception {
    embedder = new MiniLmEmbedder(2, 4);
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  @Test
  void unitVectorsOf384() {
    for (float[] v : embedder.embed(TEXTS)) {
      assertEquals(MiniLmEmbedder.DIMENSION, v.length);
      assertEquals(1, Math.sqrt(dot(v, v)), 1e-6);
    }
  }

  @Test
  void closeMeaningsScoreHigherThanUnrelatedOnes() {
    float[][] v = embedder.embed(TEXTS.subList(0, 3));
    double dogPuppy = dot(v[0], v[1]);
    double dogStocks = dot(v[0], v[2]);
    double puppyStocks = dot(v[1], v[2]);
    assertTrue(dogPuppy > 0.5, "dog/puppy " + dogPuppy);
    assertTrue(dogPuppy > dogStocks + 0.3, dogPuppy + " vs " + dogStocks);
    assertTrue(dogPuppy > puppyStocks + 0.3, dogPuppy + " vs " + puppyStocks);
  }

  @Test
  void sameVectorsAsLangChain4jsModelOneTextAtATime() {
    float[][] batched = embedder.embed(TEXTS);
    AllMiniLmL6V2EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();
    for (int i = 0; i < TEXTS.size(); i++) {
      String text = TEXTS.get(i);
      if (text.isEmpty()) {
        continue; // LangChain4j refuses blank text
      }
      float[] expected = reference.embed(TextSegment.from(text)).content().vector();
      assertArrayEquals(expected, batched[i], 1e-5f, text);
    }
  }

  @Test
  void theBatchSizeAndOrderDoNotChangeAVector() throws Exception {
    float[][] inBatches = embedder.embed(TEXTS);
    List<String> reversed = new ArrayList<>(TEXTS);
    Collections.reverse(reversed);
    float[][] oneByOne;
    try (MiniLmEmbedder single = new MiniLmEmbedder(1, 1)) {
      oneByOne = single.embed(reversed);
    }
    for (int i = 0; i < TEXTS.size(); i++) {
      assertArrayEquals(inBatches[i], oneByOne[TEXTS.size() - 1 - i], 1e-5f, TEXTS.get(i));
    }
  }

  @Test
  void progressCountsEveryText() {
    AtomicInteger last = new AtomicInteger();
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      many.add("text number " + i);
    }
    float[][] v = embedder.embed(many, done -> last.accumulateAndGet(done, Math::max));
    assertEquals(10, v.length);
    assertEquals(10, last.get());
    assertEquals(0, embedder.embed(List.of()).length);
  }

  @Test
  void refusesNullTextsAndBadSettings() {
    List<String> withNull = Arrays.asList("fine", null);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> embedder.embed(withNull));
    assertTrue(e.getMessage().contains("text 1 is null"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new MiniLmEmbedder(0, 16));
    assertThrows(IllegalArgumentException.class, () -> new MiniLmEmbedder(2, 0));
  }
}
