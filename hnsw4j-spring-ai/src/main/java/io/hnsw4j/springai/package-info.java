/**
 * hnsw4j as a Spring AI vector store: {@link io.hnsw4j.springai.Hnsw4jVectorStore}, its filter
 * converter {@link io.hnsw4j.springai.Hnsw4jFilterExpressionConverter}, and the Spring Boot
 * auto-configuration {@link io.hnsw4j.springai.Hnsw4jVectorStoreAutoConfiguration} bound to
 * {@code spring.ai.vectorstore.hnsw4j.*}.
 */
package io.hnsw4j.springai;
