package io.hnsw4j.langchain4j;

import io.hnsw4j.store.model.PayloadSchemaType;

/**
 * LangChain4j's filtering suite again, on a store created with its dimension and with payload
 * indexes on the metadata keys the suite filters on, so that the indexes answer the filters.
 */
class Hnsw4jEmbeddingStoreWithIndexedFilteringTest extends Hnsw4jEmbeddingStoreWithFilteringTest {
  @Override
  Hnsw4jEmbeddingStore.Builder configure(Hnsw4jEmbeddingStore.Builder builder) {
    return builder
        .dimension(384)
        .metadataIndex("key", PayloadSchemaType.KEYWORD)
        .metadataIndex("name", PayloadSchemaType.KEYWORD)
        .metadataIndex("city", PayloadSchemaType.KEYWORD)
        .metadataIndex("age", PayloadSchemaType.FLOAT);
  }
}
