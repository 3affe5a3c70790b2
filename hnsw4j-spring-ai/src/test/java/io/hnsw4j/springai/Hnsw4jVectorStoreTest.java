package io.hnsw4j.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.StoreException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;

/** Scores, thresholds, ids, metadata types, persistence and bad input of the Spring AI store. */
class Hnsw4jVectorStoreTest {
  private static final WordHashEmbeddingModel MODEL = new WordHashEmbeddingModel();

  @TempDir Path directory;

  private static List<Document> documents() {
    List<Document> out = new ArrayList<>();
    String[] words = {"apple", "banana", "cherry", "date", "elder", "fig", "grape"};
    for (int i = 0; i < 300; i++) {
      out.add(Document.builder()
          .id(i % 2 == 0 ? "doc-" + i : new java.util.UUID(i, 7).toString())
          .text(words[i % 7] + " " + words[(i / 7) % 7] + " " + i)
          .metadata(Map.of("word", words[i % 7], "i", i, "half", i / 2.0, "big", (long) i << 40, "tags", List.of("t" + i % 3, "all")))
          .build());
    }
    return out;
  }

  private static List<List<Document>> answers(Hnsw4jVectorStore store) {
    List<List<Document>> out = new ArrayList<>();
    for (String query : List.of("apple banana", "cherry", "grape fig 12")) {
      out.add(store.similaritySearch(SearchRequest.builder().query(query).topK(10).build()));
      out.add(store.similaritySearch(SearchRequest.builder().query(query).topK(10).filterExpression("word in ['apple', 'fig'] && i >= 100").build()));
      out.add(store.similaritySearch(SearchRequest.builder().query(query).topK(10).filterExpression("tags == 't1' && not (half < 20.5)").build()));
    }
    return out;
  }

  @Test
  void reopenedStoreGivesTheSameDocumentsScoresAndMetadata() {
    List<List<Document>> before;
    try (Hnsw4jVectorStore store = Hnsw4jVectorStore.builder(MODEL).directory(directory).build()) {
      store.add(documents());
      before = answers(store);
    }
    try (Hnsw4jVectorStore store = Hnsw4jVectorStore.builder(MODEL).directory(directory).build()) {
      List<List<Document>> after = answers(store);
      assertThat(after).isEqualTo(before);
      assertThat(before.get(0)).hasSize(10);
      Document first = before.get(1).getFirst();
      assertThat(first.getMetadata().get("word")).isIn("apple", "fig");
      assertThat((Integer) first.getMetadata().get("i")).isGreaterThanOrEqualTo(100);
      assertThat(first.getMetadata().get("big")).isInstanceOf(Long.class);
      assertThat(first.getMetadata().get("tags")).isInstanceOf(List.class);
      assertThat(first.getId()).matches("doc-\\d+|[0-9a-f-]{36}");
    }
  }

  @Test
  void scoresAreSimilaritiesAndTheThresholdKeepsTheBest() {
    for (Distance distance : Distance.values()) {
      Path dir = directory.resolve(distance.name());
      try (Hnsw4jVectorStore store = Hnsw4jVectorStore.builder(MODEL).directory(dir).distance(distance).build()) {
        store.add(documents());
        List<Document> all = store.similaritySearch(SearchRequest.builder().query("apple banana 3").topK(300).build());
        assertThat(all).hasSize(300);
        for (int i = 1; i < all.size(); i++) {
          assertThat(all.get(i).getScore()).isLessThanOrEqualTo(all.get(i - 1).getScore());
        }
        Document first = all.getFirst();
        double distanceKey = ((Number) first.getMetadata().get("distance")).doubleValue();
        if (distance.higherIsBetter()) {
          assertThat(distanceKey).isCloseTo(1 - first.getScore(), org.assertj.core.data.Offset.offset(1e-6));
        } else {
          assertThat(first.getScore()).isCloseTo(1 / (1 + distanceKey), org.assertj.core.data.Offset.offset(1e-6));
        }
        double threshold = all.get(20).getScore();
        if (threshold > 1) {
          continue; // unnormalised dot products exceed Spring AI's threshold range [0, 1]
        }
        List<Document> best = store.similaritySearch(SearchRequest.builder().query("apple banana 3").topK(300).similarityThreshold(threshold).build());
        long expected = all.stream().filter(d -> d.getScore() >= threshold).count();
        assertThat(best).hasSize((int) expected).extracting(Document::getId)
            .isEqualTo(all.subList(0, (int) expected).stream().map(Document::getId).toList());
      }
    }
  }

  @Test
  void damagedDirectoryIsRefusedNamingTheFile() throws Exception {
    try (Hnsw4jVectorStore store = Hnsw4jVectorStore.builder(MODEL).directory(directory).build()) {
      store.add(documents());
    }
    Path points;
    try (Stream<Path> files = Files.walk(directory)) {
      points = files.filter(p -> p.getFileName().toString().equals("points.bin")).findFirst().orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(points.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0x5A);
    }
    assertThatThrownBy(() -> Hnsw4jVectorStore.builder(MODEL).directory(directory).build())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("points.bin");
  }

  @Test
  void badInputIsRefusedAndNothingIsStored() {
    try (Hnsw4jVectorStore store = Hnsw4jVectorStore.builder(MODEL).directory(directory).build()) {
      assertThatThrownBy(() -> store.add(List.of(new Document("ok"), new Document("bad", Map.of("x", Double.NaN)))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata 'x' is NaN");
      assertThatThrownBy(() -> store.add(List.of(new Document("bad", Map.of("a\"b", 1)))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata key 'a\"b'");
      assertThatThrownBy(() -> store.delete("x > true"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported type java.lang.Boolean");
      assertThat(store.similaritySearch(SearchRequest.builder().query("ok").topK(5).build())).isEmpty();
    }
    assertThatThrownBy(() -> Hnsw4jVectorStore.builder(MODEL).build()).hasMessageContaining("give either a directory or a database");
    try (Hnsw4jVectorStore store = Hnsw4jVectorStore.builder(MODEL).directory(directory).build()) {
      assertThat(store).isNotNull();
    }
    assertThatThrownBy(() -> Hnsw4jVectorStore.builder(MODEL).directory(directory).distance(Distance.DOT).build())
        .hasMessageContaining("holds Cosine vectors of dimension 32, not Dot of dimension 32");
  }

  @Test
  void theConverterWritesTheStoresJsonFilter() {
    var converter = new Hnsw4jFilterExpressionConverter();
    var expression = new org.springframework.ai.vectorstore.filter.FilterExpressionTextParser().parse("country == 'BG' && year >= 2020");
    assertThat(converter.convertExpression(expression)).isEqualTo(
        "{\"must\":[{\"key\":\"metadata.country\",\"match\":{\"value\":\"BG\"}},{\"key\":\"metadata.year\",\"range\":{\"gte\":2020.0}}]}");
  }
}
