package io.hnsw4j.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * A fast, deterministic embedding for tests about filters and persistence, where what the vectors
 * mean does not matter: each word adds a fixed pseudo-random vector (seeded by the word).
 */
final class WordHashEmbeddingModel implements EmbeddingModel {
  static final int DIMENSION = 32;

  @Override
  public EmbeddingResponse call(EmbeddingRequest request) {
    List<Embedding> out = new ArrayList<>();
    for (String text : request.getInstructions()) {
      out.add(new Embedding(vector(text), out.size()));
    }
    return new EmbeddingResponse(out);
  }

  @Override
  public float[] embed(Document document) {
    return vector(document.getText());
  }

  @Override
  public int dimensions() {
    return DIMENSION;
  }

  static float[] vector(String text) {
    float[] v = new float[DIMENSION];
    v[0] = 1e-3f; // never all zeros
    for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
      java.util.Random r = new java.util.Random(word.hashCode());
      for (int i = 0; i < DIMENSION; i++) {
        v[i] += (float) Math.abs(r.nextGaussian()); // non-negative: every cosine is at least 0
      }
    }
    return v;
  }
}
