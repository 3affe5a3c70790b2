package io.hnsw4j.bench.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.bench.datasets.GloveDataset.Embeddings;
import io.hnsw4j.bench.datasets.GloveDataset.GroundTruth;
import io.hnsw4j.bench.datasets.GloveDataset.Split;
import io.hnsw4j.datasets.VectorFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GloVe JSON reader, the query split, the ground truth and the files, on a tiny fixture. */
class GloveDatasetTest {
  private static final float EPS = 1e-6f;
  private static final float R3 = (float) (1 / Math.sqrt(3));
  private static final float R2 = (float) (1 / Math.sqrt(2));

  @TempDir Path tmp;

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(GloveDatasetTest.class.getResource("/glove/" + name).toURI());
  }

  @Test
  void readsWordsInIndexOrderNormalisedWithoutZeroVectors() throws Exception {
    Embeddings e = GloveDataset.read(resource("tiny.json"));
    // "2013" comes first in the file (as JavaScript orders integer keys) but has index 5.
    assertArrayEquals(
        new String[] {"the", ",", "cat", "dog", "2013", "über", "sky"}, e.words());
    assertEquals(3, e.dimension());
    assertEquals(1, e.zeroVectors());
    assertEquals(0, e.wordsWithoutVector());
    float[][] expected = {
      {1, 0, 0}, {0, 1, 0}, {0.6f, 0.8f, 0}, {0.8f, 0.6f, 0}, {0, 0, -1}, {R3, R3, R3}, {0, R2, R2}
    };
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], e.vectors()[i], EPS, e.words()[i]);
    }
  }

  @Test
  void truncatedFileNamesTheFileAndWhere() throws Exception {
    Path file = resource("truncated.json");
    IOException e = assertThrows(IOException.class, () -> GloveDataset.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("malformed GloVe JSON"), e.getMessage());
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void structuralErrorsNameTheFileAndTheWord() throws Exception {
    assertError("{\"vectors\":{\"a\":[1,2,0],\"b\":[1]}}", "\"b\" has 1 elements");
    assertError("{\"vectors\":{\"a\":[1,2,0],\"b\":[1,1]}}", "\"b\" has 1 components");
    assertError("{\"dimensions\":2,\"vectors\":{\"a\":[1,2,3,0]}}", "\"a\" has 4 elements");
    assertError(
        "{\"dimensions\":2,\"l2NormIndex\":2,\"wordIndex\":3,\"vectors\":{\"a\":[3,4,6,0]}}",
        "\"a\" has norm 5.0, but the file says 6.0");
    assertError(
        "{\"dimensions\":2,\"l2NormIndex\":1,\"wordIndex\":3,\"vectors\":{\"a\":[3,4,5,0]}}",
        "points into the components");
    assertError("{\"size\":2,\"vectors\":{\"a\":[1,0]}}", "\"size\" is 2");
    assertError("{\"vectors\":{\"a\":[1,0.5]}}", "the index of \"a\"");
    assertError("{\"vectors\":{\"a\":[1,\"x\",0]}}", "element 1 of \"a\" is not a number");
    assertError("{\"vectors\":{\"a\":[1,0],\"b\":[2,0]}}", "share index 0");
    assertError("{\"words\":[\"b\"],\"vectors\":{\"a\":[1,0]}}", "\"words\" has \"b\" there");
    assertError("{\"vectors\":{\"a\":[1,0],\"a\":[2,1]}}", "Duplicate field 'a'");
    assertError("{\"vectors\":{\"a\":[0,0]}}", "only zero vectors");
    assertError("[1,2]", "not a JSON object");
    assertError("{\"words\":[]}", "no \"vectors\" entries");
    assertError("{\"vectors\":{\"a\":[1,0]}} {}", "content after");
  }

  private void assertError(String json, String expected) throws IOException {
    Path file = Files.createTempFile(tmp, "bad", ".json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    IOException e = assertThrows(IOException.class, () -> GloveDataset.read(file), json);
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void withoutWordsOrDimensionsTheVectorsDecide() throws Exception {
    Path file = tmp.resolve("bare.json");
    Files.writeString(file, "{\"vectors\":{\"b\":[0,3,1],\"a\":[2,0,0]}}");
    Embeddings e = GloveDataset.read(file);
    assertArrayEquals(new String[] {"a", "b"}, e.words());
    assertArrayEquals(new float[] {1, 0}, e.vectors()[0]);
    assertArrayEquals(new float[] {0, 1}, e.vectors()[1]);
  }

  @Test
  void layoutFieldsMayComeAfterTheVectors() throws Exception {
    Path file = tmp.resolve("late.json");
    Files.writeString(
        file,
        "{\"vectors\":{\"b\":[0,3,3,1],\"a\":[2,0,2,0]},"
            + "\"l2NormIndex\":2,\"wordIndex\":3,\"dimensions\":2}");
    Embeddings e = GloveDataset.read(file);
    assertArrayEquals(new String[] {"a", "b"}, e.words());
    assertArrayEquals(new float[] {1, 0}, e.vectors()[0]);
    assertArrayEquals(new float[] {0, 1}, e.vectors()[1]);
  }

  @Test
  void splitIsSeededDisjointAndKeepsTheBaseInOrder() throws Exception {
    Embeddings e = GloveDataset.read(resource("tiny.json"));
    Split a = GloveDataset.split(e, 3, 7);
    Split b = GloveDataset.split(e, 3, 7);
    assertArrayEquals(a.queryWords(), b.queryWords());
    assertEquals(3, a.queries().length);
    assertEquals(4, a.base().length);
    Set<String> all = new HashSet<>(Arrays.asList(a.baseWords()));
    all.addAll(Arrays.asList(a.queryWords()));
    assertEquals(Set.of(e.words()), all);
    List<String> order = Arrays.asList(e.words());
    for (int i = 1; i < a.baseWords().length; i++) {
      assertTrue(order.indexOf(a.baseWords()[i - 1]) < order.indexOf(a.baseWords()[i]));
    }
    for (int i = 0; i < a.queries().length; i++) {
      assertArrayEquals(e.vectors()[order.indexOf(a.queryWords()[i])], a.queries()[i]);
    }
    boolean differs = false;
    for (long seed = 8; seed < 20 && !differs; seed++) {
      differs = !Arrays.equals(a.queryWords(), GloveDataset.split(e, 3, seed).queryWords());
    }
    assertTrue(differs, "other seeds draw other queries");
    assertThrows(IllegalArgumentException.class, () -> GloveDataset.split(e, 7, 1));
    assertThrows(IllegalArgumentException.class, () -> GloveDataset.split(e, 0, 1));
  }

  @Test
  void groundTruthIsExactCosine() throws Exception {
    Embeddings e = GloveDataset.read(resource("tiny.json"));
    Split s = GloveDataset.split(e, 2, 3);
    GroundTruth gt = GloveDataset.groundTruth(s.base(), s.queries(), 5, 2);
    for (int q = 0; q < 2; q++) {
      double[] d = new double[5];
      for (int i = 0; i < 5; i++) {
        double dot = 0;
        for (int j = 0; j < 3; j++) {
          dot += s.queries()[q][j] * s.base()[i][j];
        }
        d[i] = 1 - dot;
      }
      Set<Integer> seen = new HashSet<>();
      for (int j = 0; j < 5; j++) {
        int id = gt.ids()[q][j];
        assertTrue(seen.add(id));
        assertEquals(d[id], gt.distances()[q][j], 1e-6);
        if (j > 0) {
          assertTrue(gt.distances()[q][j - 1] <= gt.distances()[q][j]);
        }
      }
    }
    GloveDataset.verify(gt, s.base(), s.queries(), 2);
  }

  @Test
  void verifyRejectsAWrongNeighbour() {
    float[][] base = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    float n = (float) Math.sqrt(14);
    float[][] queries = {{3 / n, 2 / n, 1 / n}};
    GroundTruth all = GloveDataset.groundTruth(base, queries, 3, 1);
    assertArrayEquals(new int[] {0, 1, 2}, all.ids()[0]);
    GloveDataset.verify(all, base, queries, 1);
    // The farthest row, with its own distance, in a top 2: not among the true 2 nearest.
    GroundTruth wrong =
        new GroundTruth(
            new int[][] {{2, 1}}, new float[][] {{all.distances()[0][2], all.distances()[0][1]}});
    assertThrows(IllegalStateException.class, () -> GloveDataset.verify(wrong, base, queries, 1));
    // The right id with a wrong distance.
    GroundTruth off = new GroundTruth(new int[][] {{0, 1}}, new float[][] {{0.5f, 0.6f}});
    assertThrows(IllegalStateException.class, () -> GloveDataset.verify(off, base, queries, 1));
  }

  @Test
  void convertWritesSixFilesThatReadBack() throws Exception {
    Path out = tmp.resolve("out");
    GloveDataset.convert(resource("tiny.json"), out, 2, 11, 2);
    String p = GloveDataset.PREFIX;
    float[][] base = VectorFiles.readAll(out.resolve(p + "_base.fvecs"));
    float[][] queries = VectorFiles.readAll(out.resolve(p + "_query.fvecs"));
    List<String> baseWords = Files.readAllLines(out.resolve(p + "_base_words.txt"));
    List<String> queryWords = Files.readAllLines(out.resolve(p + "_query_words.txt"));
    int[][] ids = VectorFiles.readIntsAll(out.resolve(p + "_groundtruth.ivecs"));
    float[][] dist = VectorFiles.readAll(out.resolve(p + "_groundtruth_dist.fvecs"));

    Embeddings e = GloveDataset.read(resource("tiny.json"));
    Split s = GloveDataset.split(e, 2, 11);
    assertEquals(Arrays.asList(s.baseWords()), baseWords);
    assertEquals(Arrays.asList(s.queryWords()), queryWords);
    assertTrue(baseWords.contains("über") || queryWords.contains("über"), "UTF-8 words");
    assertArrayEquals(s.base(), base);
    assertArrayEquals(s.queries(), queries);
    GroundTruth gt = GloveDataset.groundTruth(s.base(), s.queries(), 5, 1);
    assertArrayEquals(gt.ids(), ids);
    assertEquals(2, dist.length);
    assertEquals(5, dist[0].length); // k is capped at the base size
    for (int q = 0; q < 2; q++) {
      assertArrayEquals(gt.distances()[q], dist[q]);
    }
    assertNotEquals(0, base.length);
    assertFalse(baseWords.isEmpty());
  }
}
