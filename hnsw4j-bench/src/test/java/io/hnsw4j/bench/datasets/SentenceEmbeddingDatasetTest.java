package io.hnsw4j.bench.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.bench.datasets.SentenceEmbeddingDataset.Selection;
import io.hnsw4j.datasets.VectorFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query split and, with the real model, the whole set built from a small dictionary. */
class SentenceEmbeddingDatasetTest {
  @TempDir Path tmp;

  @Test
  void selectionIsSeededDisjointAndTakesEveryRow() {
    Selection s = SentenceEmbeddingDataset.select(1000, 50, 0, 7);
    assertEquals(50, s.queries().length);
    assertEquals(950, s.base().length);
    Set<Integer> all = new HashSet<>();
    IntStream.of(s.queries()).forEach(all::add);
    IntStream.of(s.base()).forEach(all::add);
    assertEquals(1000, all.size()); // disjoint, and together every row
    assertTrue(IntStream.range(1, 950).allMatch(i -> s.base()[i - 1] < s.base()[i]));

    Selection again = SentenceEmbeddingDataset.select(1000, 50, 0, 7);
    assertArrayEquals(s.queries(), again.queries());
    assertArrayEquals(s.base(), again.base());
    Selection other = SentenceEmbeddingDataset.select(1000, 50, 0, 8);
    assertFalse(Arrays.equals(s.queries(), other.queries()));
  }

  @Test
  void aLimitTakesThatManyRowsInAll() {
    Selection s = SentenceEmbeddingDataset.select(1000, 10, 100, 3);
    assertEquals(10, s.queries().length);
    assertEquals(90, s.base().length);
    Set<Integer> all = new HashSet<>();
    IntStream.of(s.queries()).forEach(all::add);
    IntStream.of(s.base()).forEach(all::add);
    assertEquals(100, all.size());
    assertTrue(all.stream().allMatch(r -> r >= 0 && r < 1000));
    // The queries do not depend on the limit: they are drawn first.
    assertArrayEquals(
        SentenceEmbeddingDataset.select(1000, 10, 0, 3).queries(), s.queries());
    // A limit beyond the corpus takes the whole corpus.
    assertEquals(990, SentenceEmbeddingDataset.select(1000, 10, 5000, 3).base().length);
  }

  @Test
  void tooManyQueriesAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SentenceEmbeddingDataset.select(100, 20, 20, 1));
    assertEquals("20 queries leave no base row out of 20 texts (the limit)", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> SentenceEmbeddingDataset.select(100, 100, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> SentenceEmbeddingDataset.select(100, 0, 0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> SentenceEmbeddingDataset.select(100, 5, -1, 1));
  }

  @Test
  void convertWritesASetWhoseGroundTruthIsExact() throws Exception {
    Path gcide = tmp.resolve("gcide");
    Files.createDirectories(gcide);
    GcideFixture.write(gcide);
    Path out = tmp.resolve("out");
    SentenceEmbeddingDataset.convert(gcide, out, 2, 42, 0, 2, 3);

    String p = SentenceEmbeddingDataset.PREFIX;
    List<String> corpus = GcideCorpus.read(gcide).texts();
    List<String> queryTexts = Files.readAllLines(out.resolve(p + "_query_texts.txt"));
    List<String> baseTexts = Files.readAllLines(out.resolve(p + "_base_texts.txt"));
    Selection s = SentenceEmbeddingDataset.select(corpus.size(), 2, 0, 42);
    assertEquals(List.of(SentenceEmbeddingDataset.texts(corpus, s.queries())), queryTexts);
    assertEquals(List.of(SentenceEmbeddingDataset.texts(corpus, s.base())), baseTexts);

    float[][] base = VectorFiles.readAll(out.resolve(p + "_base.fvecs"));
    float[][] queries = VectorFiles.readAll(out.resolve(p + "_query.fvecs"));
    int[][] ids = VectorFiles.readIntsAll(out.resolve(p + "_groundtruth.ivecs"));
    float[][] distances = VectorFiles.readAll(out.resolve(p + "_groundtruth_dist.fvecs"));
    assertEquals(7, base.length);
    assertEquals(2, queries.length);
    assertEquals(384, base[0].length);

    // Each row is its own text's embedding.
    try (MiniLmEmbedder embedder = new MiniLmEmbedder(1, 1)) {
      float[][] expected = embedder.embed(List.of(baseTexts.get(3), queryTexts.get(1)));
      assertArrayEquals(expected[0], base[3], 1e-5f);
      assertArrayEquals(expected[1], queries[1], 1e-5f);
    }
    // The ground truth is every base row (k is capped at the base size), nearest first, as a
    // float64 brute force orders them.
    for (int q = 0; q < queries.length; q++) {
      float[] query = queries[q];
      double[] d = new double[base.length];
      for (int i = 0; i < base.length; i++) {
        double dot = 0;
        for (int j = 0; j < query.length; j++) {
          dot += (double) query[j] * base[i][j];
        }
        d[i] = 1 - dot;
      }
      int[] expected =
          IntStream.range(0, base.length)
              .boxed()
              .sorted(Comparator.comparingDouble(i -> d[i]))
              .mapToInt(Integer::intValue)
              .toArray();
      assertArrayEquals(expected, ids[q]);
      for (int j = 0; j < expected.length; j++) {
        assertEquals(d[expected[j]], distances[q][j], 1e-5);
      }
    }
    String readme = Files.readString(out.resolve("README.md"), StandardCharsets.UTF_8);
    assertTrue(readme.contains("| base | 7 vectors"), readme);
    assertTrue(readme.contains("GNU General Public License"), readme);
  }
}
