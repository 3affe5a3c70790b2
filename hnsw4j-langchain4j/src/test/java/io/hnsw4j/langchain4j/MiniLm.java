package io.hnsw4j.langchain4j;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/** The in-process all-MiniLM-L6-v2 model (384 dimensions, unit-length output), loaded once per JVM. */
final class MiniLm {
  static final EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();

  private MiniLm() {}
}
