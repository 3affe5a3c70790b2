/**
 * hnsw4j as a LangChain4j embedding store: {@link io.hnsw4j.langchain4j.Hnsw4jEmbeddingStore}
 * keeps {@code TextSegment}s and their embeddings in a collection of {@code hnsw4j-store}, which
 * logs every write, checkpoints to its directory, and answers metadata filters with its payload
 * indexes and filter evaluator.
 */
package io.hnsw4j.langchain4j;
