package io.hnsw4j.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithFilteringIT;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's own suite for stores with metadata filters (which includes its EmbeddingStoreIT
 * and EmbeddingStoreWithoutMetadataIT tests), run against a fresh store per test. The store
 * learns its dimension from the first add, and filters are decided by reading payloads.
 */
class Hnsw4jEmbeddingStoreWithFilteringTest extends EmbeddingStoreWithFilteringIT {
  @TempDir Path directory;
  private Hnsw4jEmbeddingStore store;

  @Override
  protected EmbeddingStore<TextSegment> embeddingStore() {
    if (store == null) {
      store = configure(Hnsw4jEmbeddingStore.builder().directory(directory)).build();
    }
    return store;
  }

  /** What a subclass changes in the store it tests. */
  Hnsw4jEmbeddingStore.Builder configure(Hnsw4jEmbeddingStore.Builder builder) {
    return builder;
  }

  @Override
  protected EmbeddingModel embeddingModel() {
    return MiniLm.MODEL;
  }

  /** The store supports containsString (the suite's switch between two tests of it). */
  @Override
  protected boolean supportsContains() {
    return true;
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }
}
