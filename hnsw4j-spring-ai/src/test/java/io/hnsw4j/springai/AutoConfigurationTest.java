package io.hnsw4j.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.hnsw4j.store.Collection;
import io.hnsw4j.store.Database;
import io.hnsw4j.store.model.Distance;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.observation.DefaultVectorStoreObservationConvention;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Boot auto-configuration: one property is enough, the others are honoured, it stands back when asked. */
class AutoConfigurationTest {
  @TempDir Path directory;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(Hnsw4jVectorStoreAutoConfiguration.class))
      .withBean(EmbeddingModel.class, WordHashEmbeddingModel::new);

  @Test
  void theDirectoryAloneGivesAPersistentCosineStore() {
    runner.withPropertyValues("spring.ai.vectorstore.hnsw4j.directory=" + directory).run(context -> {
      Hnsw4jVectorStore store = context.getBean(Hnsw4jVectorStore.class);
      Collection collection = store.<Collection>getNativeClient().orElseThrow();
      assertThat(collection.name()).isEqualTo("spring-ai");
      assertThat(collection.config().distance()).isEqualTo(Distance.COSINE);
      assertThat(collection.config().size()).isEqualTo(WordHashEmbeddingModel.DIMENSION);
      store.add(List.of(new Document("kept-1", "a persistent document", Map.of("k", "v"))));
    });
    // The context closed the store, so the directory is free and holds the document.
    try (Database db = Database.open(directory)) {
      assertThat(db.get("spring-ai").count(null, true)).isEqualTo(1);
    }
  }

  @Test
  void propertiesChooseCollectionMetricAndGraph() {
    runner.withPropertyValues(
            "spring.ai.vectorstore.hnsw4j.directory=" + directory,
            "spring.ai.vectorstore.hnsw4j.collection-name=docs",
            "spring.ai.vectorstore.hnsw4j.metric=euclid",
            "spring.ai.vectorstore.hnsw4j.m=8",
            "spring.ai.vectorstore.hnsw4j.ef-construction=40",
            "spring.ai.vectorstore.hnsw4j.ef=64")
        .run(context -> {
          Collection collection = context.getBean(Hnsw4jVectorStore.class).<Collection>getNativeClient().orElseThrow();
          assertThat(collection.name()).isEqualTo("docs");
          assertThat(collection.config().distance()).isEqualTo(Distance.EUCLID);
          assertThat(collection.config().m()).isEqualTo(8);
          assertThat(collection.config().efConstruct()).isEqualTo(40);
          assertThat(collection.config().ef()).isEqualTo(64);
        });
  }

  @Test
  void standsBackWithoutADirectoryOrWhenAnotherTypeIsChosen() {
    runner.run(context -> assertThat(context).doesNotHaveBean(VectorStore.class));
    runner.withPropertyValues("spring.ai.vectorstore.hnsw4j.directory=" + directory, "spring.ai.vectorstore.type=qdrant")
        .run(context -> assertThat(context).doesNotHaveBean(VectorStore.class));
    runner.withPropertyValues("spring.ai.vectorstore.hnsw4j.directory=" + directory, "spring.ai.vectorstore.type=hnsw4j")
        .run(context -> assertThat(context).hasSingleBean(VectorStore.class));
  }

  @Test
  void aBadSettingFailsTheContextNamingIt() {
    runner.withPropertyValues("spring.ai.vectorstore.hnsw4j.directory=" + directory, "spring.ai.vectorstore.hnsw4j.m=1")
        .run(context -> assertThat(context).hasFailed()
            .getFailure().rootCause().hasMessageContaining("hnsw_config.m must be in 2..512, got 1"));
  }

  @Test
  void everyOperationIsObserved() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    runner.withBean(ObservationRegistry.class, () -> observations)
        .withPropertyValues("spring.ai.vectorstore.hnsw4j.directory=" + directory)
        .run(context -> {
          VectorStore store = context.getBean(VectorStore.class);
          store.add(List.of(new Document("observed", Map.of("k", 1))));
          assertThat(store.similaritySearch(SearchRequest.builder().query("observed").topK(1).build())).hasSize(1);
          store.delete("k == 1");
          for (VectorStoreObservationContext.Operation op : List.of(
              VectorStoreObservationContext.Operation.ADD, VectorStoreObservationContext.Operation.QUERY, VectorStoreObservationContext.Operation.DELETE)) {
            TestObservationRegistryAssert.assertThat(observations)
                .doesNotHaveAnyRemainingCurrentObservation()
                .hasAnObservation(o -> o.hasNameEqualTo(DefaultVectorStoreObservationConvention.DEFAULT_NAME)
                    .hasContextualNameEqualTo("hnsw4j " + op.value())
                    .hasLowCardinalityKeyValue("db.system", "hnsw4j"));
          }
        });
  }
}
