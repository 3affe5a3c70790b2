package io.hnsw4j.langchain4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import io.hnsw4j.store.StoreOptions;
import io.hnsw4j.store.model.StoreException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Close, reopen, same answers; a damaged or busy directory is refused with a clear message. */
class PersistenceTest {
  private static final int DIMENSION = 24;
  private static final int SEGMENTS = 2000;

  @TempDir Path directory;

  /** Seeded segments: ids of several forms, metadata of every type, some vectors not of unit length. */
  private static void fill(Hnsw4jEmbeddingStore store) {
    Random random = new Random(3);
    List<String> ids = new ArrayList<>();
    List<Embedding> embeddings = new ArrayList<>();
    List<TextSegment> segments = new ArrayList<>();
    for (int i = 0; i < SEGMENTS; i++) {
      ids.add(i % 3 == 0 ? "doc-" + i : new java.util.UUID(i, 42).toString());
      float[] v = new float[DIMENSION];
      for (int d = 0; d < DIMENSION; d++) {
        v[d] = (float) random.nextGaussian() * (i % 2 == 0 ? 1 : 0.2f);
      }
      embeddings.add(new Embedding(v));
      Metadata m = new Metadata().put("group", "g" + (i % 7)).put("rank", i).put("weight", i / 8f).put("big", (long) i << 40);
      segments.add(i % 5 == 0 ? null : TextSegment.from("segment " + i, m));
    }
    // Segments and bare embeddings in separate batches (LangChain4j's addAll takes one or the other).
    List<String> bareIds = new ArrayList<>();
    List<Embedding> bare = new ArrayList<>();
    for (int i = SEGMENTS - 1; i >= 0; i--) {
      if (segments.get(i) == null) {
        bareIds.add(ids.remove(i));
        bare.add(embeddings.remove(i));
        segments.remove(i);
      }
    }
    store.addAll(ids, embeddings, segments);
    store.addAll(bareIds, bare, null);
  }

  private static List<List<EmbeddingMatch<TextSegment>>> answers(Hnsw4jEmbeddingStore store) {
    Random random = new Random(9);
    Filter[] filters = {
      null,
      MetadataFilterBuilder.metadataKey("group").isIn("g1", "g2"),
      MetadataFilterBuilder.metadataKey("rank").isGreaterThan(1500).and(MetadataFilterBuilder.metadataKey("weight").isLessThan(230f)),
      Filter.not(MetadataFilterBuilder.metadataKey("group").isEqualTo("g3"))
    };
    List<List<EmbeddingMatch<TextSegment>>> out = new ArrayList<>();
    for (int q = 0; q < 20; q++) {
      float[] v = new float[DIMENSION];
      for (int d = 0; d < DIMENSION; d++) {
        v[d] = (float) random.nextGaussian();
      }
      out.add(store.search(EmbeddingSearchRequest.builder()
          .queryEmbedding(new Embedding(v)).maxResults(10).filter(filters[q % filters.length]).build()).matches());
    }
    return out;
  }

  @ParameterizedTest(name = "checkpoint on close: {0}")
  @ValueSource(booleans = {true, false})
  void reopenedStoreGivesTheSameAnswers(boolean checkpointOnClose) {
    StoreOptions options = StoreOptions.DEFAULT.withCheckpointOnClose(checkpointOnClose);
    List<List<EmbeddingMatch<TextSegment>>> before;
    try (Hnsw4jEmbeddingStore store = Hnsw4jEmbeddingStore.builder().directory(directory).storeOptions(options).dimension(DIMENSION).build()) {
      fill(store);
      before = answers(store);
    }
    try (Hnsw4jEmbeddingStore store = Hnsw4jEmbeddingStore.builder().directory(directory).build()) {
      assertEquals(SEGMENTS, store.collection().count(null, true));
      List<List<EmbeddingMatch<TextSegment>>> after = answers(store);
      assertEquals(before.size(), after.size());
      for (int q = 0; q < before.size(); q++) {
        assertEquals(10, before.get(q).size());
        for (int i = 0; i < 10; i++) {
          EmbeddingMatch<TextSegment> a = before.get(q).get(i);
          EmbeddingMatch<TextSegment> b = after.get(q).get(i);
          assertEquals(a.embeddingId(), b.embeddingId(), "query " + q + " hit " + i);
          assertEquals(a.score(), b.score());
          assertArrayEquals(a.embedding().vector(), b.embedding().vector());
          assertEquals(a.embedded(), b.embedded());
        }
      }
    }
  }

  @Test
  void idsSegmentsAndVectorsReadBackExactlyAfterReopening() {
    float[] notUnit = {3f, 4f, 0f};
    Metadata metadata = new Metadata().put("i", 7).put("l", 7L).put("f", 0.1f).put("d", 0.1).put("u", new java.util.UUID(5, 6)).put("s", "x\"y");
    TextSegment segment = TextSegment.from("hello", metadata);
    String[] ids = {"doc-1", "936DA01F-9ABD-4D9D-80C7-02AF85C822A8", "936da01f-9abd-4d9d-80c7-02af85c822a8", "  spaced  ", "ünïcode"};
    try (Hnsw4jEmbeddingStore store = Hnsw4jEmbeddingStore.builder().directory(directory).build()) {
      for (int i = 0; i < ids.length; i++) {
        store.addAll(List.of(ids[i]), List.of(new Embedding(new float[] {notUnit[0], notUnit[1], i})), List.of(segment));
      }
    }
    try (Hnsw4jEmbeddingStore store = Hnsw4jEmbeddingStore.builder().directory(directory).build()) {
      List<EmbeddingMatch<TextSegment>> all = store.search(EmbeddingSearchRequest.builder()
          .queryEmbedding(new Embedding(notUnit)).maxResults(10).build()).matches();
      assertEquals(ids.length, all.size());
      for (EmbeddingMatch<TextSegment> m : all) {
        int i = List.of(ids).indexOf(m.embeddingId());
        assertTrue(i >= 0, m.embeddingId());
        assertArrayEquals(new float[] {notUnit[0], notUnit[1], i}, m.embedding().vector());
        assertEquals(segment, m.embedded(), "metadata types survive: Integer, Long, Float, Double, UUID, String");
      }
      assertEquals(1.0, all.getFirst().score(), 1e-6);
      assertEquals("doc-1", all.getFirst().embeddingId());
    }
  }

  @Test
  void damagedCheckpointIsRefusedNamingTheFile() throws IOException {
    try (Hnsw4jEmbeddingStore store = Hnsw4jEmbeddingStore.builder().directory(directory).dimension(DIMENSION).build()) {
      fill(store);
    }
    Path index;
    try (Stream<Path> files = Files.walk(directory)) {
      index = files.filter(p -> p.getFileName().toString().equals("index.hnsw")).findFirst().orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(index.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0x5A);
    }
    StoreException e = assertThrows(StoreException.class, () -> Hnsw4jEmbeddingStore.builder().directory(directory).build());
    assertEquals(StoreException.Kind.INTERNAL, e.kind());
    assertTrue(e.getMessage().contains("index.hnsw"), e.getMessage());
    assertTrue(e.getMessage().contains(Hnsw4jEmbeddingStore.DEFAULT_COLLECTION), e.getMessage());
  }

  @Test
  void aDirectoryInUseIsRefused() {
    try (Hnsw4jEmbeddingStore store = Hnsw4jEmbeddingStore.builder().directory(directory).dimension(DIMENSION).build()) {
      StoreException e = assertThrows(StoreException.class, () -> Hnsw4jEmbeddingStore.builder().directory(directory).build());
      assertEquals(StoreException.Kind.CONFLICT, e.kind());
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }
  }
}
