package io.hnsw4j.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithRemovalIT;
import io.hnsw4j.store.model.PayloadSchemaType;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** LangChain4j's own suite for stores that remove by id, by filter and all; a fresh store per test. */
class Hnsw4jEmbeddingStoreWithRemovalTest extends EmbeddingStoreWithRemovalIT {
  @TempDir Path directory;
  private Hnsw4jEmbeddingStore store;

  @Override
  protected EmbeddingStore<TextSegment> embeddingStore() {
    if (store == null) {
      store = Hnsw4jEmbeddingStore.builder()
          .directory(directory)
          .dimension(384)
          .metadataIndex("type", PayloadSchemaType.KEYWORD)
          .build();
    }
    return store;
  }

  @Override
  protected EmbeddingModel embeddingModel() {
    return MiniLm.MODEL;
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }
}
