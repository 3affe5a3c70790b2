package io.hnsw4j.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.test.vectorstore.BaseVectorStoreTests;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.observation.DefaultVectorStoreObservationConvention;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Spring AI's own vector store suite, run against the store the Boot auto-configuration builds
 * from one property, with a real embedding model and an observation registry that must see every
 * operation.
 */
class Hnsw4jVectorStoreSuiteTest extends BaseVectorStoreTests {
  private static final EmbeddingModel MODEL = new MiniLmEmbeddingModel();

  @TempDir Path directory;

  @Override
  protected void executeTest(Consumer<VectorStore> testFunction) {
    TestObservationRegistry observations = TestObservationRegistry.create();
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(Hnsw4jVectorStoreAutoConfiguration.class))
        .withBean(EmbeddingModel.class, () -> MODEL)
        .withBean(ObservationRegistry.class, () -> observations)
        .withPropertyValues("spring.ai.vectorstore.hnsw4j.directory=" + directory)
        .run(context -> {
          VectorStore store = context.getBean(VectorStore.class);
          assertThat(store).isInstanceOf(Hnsw4jVectorStore.class);
          testFunction.accept(store);
          TestObservationRegistryAssert.assertThat(observations)
              .doesNotHaveAnyRemainingCurrentObservation()
              .hasObservationWithNameEqualTo(DefaultVectorStoreObservationConvention.DEFAULT_NAME)
              .that()
              .hasBeenStarted()
              .hasBeenStopped();
        });
  }
}
