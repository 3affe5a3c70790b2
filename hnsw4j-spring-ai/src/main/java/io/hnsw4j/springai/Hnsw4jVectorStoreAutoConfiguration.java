package io.hnsw4j.springai;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.TokenCountBatchingStrategy;
import org.springframework.ai.vectorstore.SpringAIVectorStoreTypes;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot auto-configuration of a {@link Hnsw4jVectorStore}: with this jar on the class path,
 * an {@link EmbeddingModel} bean and {@code spring.ai.vectorstore.hnsw4j.directory} set, the
 * application gets a persistent vector store. It stands back when another {@code VectorStore}
 * type is chosen ({@code spring.ai.vectorstore.type}) or a store bean of this type exists. The
 * store is closed (checkpointed) with the application context.
 */
@AutoConfiguration
@ConditionalOnClass({Hnsw4jVectorStore.class, EmbeddingModel.class})
@ConditionalOnProperty(prefix = Hnsw4jVectorStoreProperties.PREFIX, name = "directory")
@ConditionalOnProperty(name = SpringAIVectorStoreTypes.TYPE, havingValue = "hnsw4j", matchIfMissing = true)
@EnableConfigurationProperties(Hnsw4jVectorStoreProperties.class)
public class Hnsw4jVectorStoreAutoConfiguration {

  /** Created by Spring Boot. */
  public Hnsw4jVectorStoreAutoConfiguration() {}

  /** Spring AI's default batching of documents for the embedding model. */
  @Bean
  @ConditionalOnMissingBean
  BatchingStrategy hnsw4jBatchingStrategy() {
    return new TokenCountBatchingStrategy();
  }

  /**
   * The vector store, built from the properties; closed with the context.
   *
   * @param embeddingModel the model that embeds documents and queries
   * @param properties the bound properties
   * @param batchingStrategy how documents are batched for the model
   * @param observationRegistry the registry, if there is one
   * @param customObservationConvention a custom observation convention, if there is one
   * @return the vector store, built from the properties; closed with the context
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Hnsw4jVectorStore hnsw4jVectorStore(
      EmbeddingModel embeddingModel,
      Hnsw4jVectorStoreProperties properties,
      BatchingStrategy batchingStrategy,
      ObjectProvider<ObservationRegistry> observationRegistry,
      ObjectProvider<VectorStoreObservationConvention> customObservationConvention) {
    return Hnsw4jVectorStore.builder(embeddingModel)
        .directory(properties.getDirectory())
        .collectionName(properties.getCollectionName())
        .distance(properties.getMetric())
        .dimension(properties.getDimension())
        .m(properties.getM())
        .efConstruction(properties.getEfConstruction())
        .ef(properties.getEf())
        .batchingStrategy(batchingStrategy)
        .observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
        .customObservationConvention(customObservationConvention.getIfAvailable())
        .build();
  }
}
