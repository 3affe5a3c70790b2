package io.hnsw4j.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import io.hnsw4j.store.Database;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.PayloadSchemaType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets an IllegalArgumentException naming the problem, and nothing stored changes. */
class BadInputTest {
  @TempDir Path directory;

  private static void refused(Executable call, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void badVectorsAndMetadataAreRefusedAndNothingOfTheBatchIsStored() {
    try (Hnsw4jEmbeddingStore store = Hnsw4jEmbeddingStore.builder().directory(directory).dimension(3).build()) {
      store.add("kept", new Embedding(new float[] {1, 0, 0}));
      List<String> ids = new ArrayList<>(List.of("a", "b", "c"));
      List<Embedding> good = List.of(new Embedding(new float[] {0, 1, 0}), new Embedding(new float[] {0, 0, 1}));
      refused(() -> store.addAll(ids, List.of(good.get(0), good.get(1), new Embedding(new float[] {1, 2})), null), "embeddings[2] has dimension 2, but the store holds vectors of dimension 3");
      refused(() -> store.addAll(ids, List.of(good.get(0), good.get(1), new Embedding(new float[] {1, Float.NaN, 0})), null), "embeddings[2][1] is NaN");
      refused(() -> store.addAll(ids, List.of(good.get(0), good.get(1), new Embedding(new float[] {0, 0, 0})), null), "embeddings[2] is all zeros");
      refused(() -> store.addAll(ids, good, null), "must be of the same size");
      refused(() -> store.addAll(List.of("a", " "), good, null), "ids[1] cannot be null or blank");
      refused(() -> store.addAll(List.of("a", "b"), good, List.of(TextSegment.from("x"), TextSegment.from("y", new Metadata().put("a\"b", 1)))), "metadata key 'a\"b'");
      refused(() -> store.addAll(List.of("a", "b"), good, List.of(TextSegment.from("x"), TextSegment.from("y", new Metadata().put("w", Double.NaN)))), "metadata 'w' is NaN");
      refused(() -> store.search(EmbeddingSearchRequest.builder().queryEmbedding(new Embedding(new float[] {1, 0})).build()), "queryEmbedding has dimension 2");
      refused(() -> store.search(EmbeddingSearchRequest.builder().queryEmbedding(new Embedding(new float[] {1, 0, 0}))
          .filter(MetadataFilterBuilder.metadataKey("q\"").isEqualTo(1)).build()), "metadata key 'q\"'");
      assertEquals(1, store.collection().count(null, true), "only the first point is stored");
    }
  }

  @Test
  void builderRefusesMissingOrOutOfRangeSettings() {
    refused(() -> Hnsw4jEmbeddingStore.builder().build(), "give either a directory or a database");
    refused(() -> Hnsw4jEmbeddingStore.builder().directory(directory).m(1).build(), "hnsw_config.m must be in 2..");
    refused(() -> Hnsw4jEmbeddingStore.builder().directory(directory).dimension(0).build(), "dimension must be positive");
    refused(() -> Hnsw4jEmbeddingStore.builder().metadataIndex("body", PayloadSchemaType.TEXT), "containsString");
  }

  @Test
  void anExistingCollectionOfAnotherShapeIsRefused() {
    try (Database db = Database.open(directory)) {
      db.create("cosine", CollectionConfig.of(3, Distance.COSINE));
      db.create("dot", CollectionConfig.of(3, Distance.DOT));
      refused(() -> Hnsw4jEmbeddingStore.builder().database(db).collectionName("cosine").build(), "uses the Cosine distance");
      refused(() -> Hnsw4jEmbeddingStore.builder().database(db).collectionName("dot").dimension(4).build(), "holds vectors of dimension 3, not 4");
      Hnsw4jEmbeddingStore shared = Hnsw4jEmbeddingStore.builder().database(db).collectionName("dot").build();
      shared.add(new Embedding(new float[] {0.6f, 0.8f, 0}));
      shared.close();
      assertEquals(1, db.get("dot").count(null, true), "closing a store on a shared database leaves it open");
    }
  }
}
