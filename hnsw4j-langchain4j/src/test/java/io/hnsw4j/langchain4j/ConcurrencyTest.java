package io.hnsw4j.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers add and remove their own segments while readers search with a filter: every hit a
 * reader sees passes its filter, and at the end the store holds exactly what the writers left.
 */
class ConcurrencyTest {
  private static final int DIMENSION = 16;
  private static final int WRITERS = 3;
  private static final int ROUNDS = 60;

  @TempDir Path directory;

  @Test
  void concurrentAddsRemovesAndFilteredSearches() throws Exception {
    try (Hnsw4jEmbeddingStore store = Hnsw4jEmbeddingStore.builder().directory(directory).build()) {
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
      AtomicInteger wrongHits = new AtomicInteger();
      AtomicInteger searches = new AtomicInteger();
      List<Future<Integer>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          Random random = new Random(writer);
          int kept = 0;
          for (int round = 0; round < ROUNDS; round++) {
            List<String> ids = new ArrayList<>();
            List<Embedding> embeddings = new ArrayList<>();
            List<TextSegment> segments = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
              ids.add("w" + writer + "-" + round + "-" + i);
              embeddings.add(new Embedding(vector(random)));
              segments.add(TextSegment.from("text", new Metadata().put("writer", writer).put("round", round)));
            }
            store.addAll(ids, embeddings, segments);
            if (round % 2 == 1) {
              store.removeAll(MetadataFilterBuilder.metadataKey("writer").isEqualTo(writer)
                  .and(MetadataFilterBuilder.metadataKey("round").isEqualTo(round)));
            } else {
              store.removeAll(ids.subList(0, 5));
              kept += 5;
            }
          }
          return kept;
        }));
      }
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        int reader = r;
        readers.add(pool.submit(() -> {
          Random random = new Random(100 + reader);
          while (writers.stream().anyMatch(f -> !f.isDone())) {
            List<EmbeddingMatch<TextSegment>> hits = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(new Embedding(vector(random))).maxResults(20)
                .filter(MetadataFilterBuilder.metadataKey("writer").isEqualTo(reader)).build()).matches();
            searches.incrementAndGet();
            for (EmbeddingMatch<TextSegment> hit : hits) {
              if (hit.embedded().metadata().getInteger("writer") != reader || !hit.embeddingId().startsWith("w" + reader + "-")) {
                wrongHits.incrementAndGet();
              }
            }
          }
        }));
      }
      int expected = 0;
      for (Future<Integer> f : writers) {
        expected += f.get();
      }
      for (Future<?> f : readers) {
        f.get();
      }
      pool.shutdown();
      assertEquals(0, wrongHits.get());
      assertTrue(searches.get() > 0);
      assertEquals(expected, store.collection().count(null, true));
    }
  }

  private static float[] vector(Random random) {
    float[] v = new float[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
