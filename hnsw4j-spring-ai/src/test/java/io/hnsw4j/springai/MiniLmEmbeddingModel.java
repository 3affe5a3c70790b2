package io.hnsw4j.springai;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * A real embedding model for the tests, in-process and offline: all-MiniLM-L6-v2 (384
 * dimensions) from LangChain4j's ONNX packaging, behind Spring AI's {@link EmbeddingModel}.
 */
final class MiniLmEmbeddingModel implements EmbeddingModel {
  private static final AllMiniLmL6V2EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();

  @Override
  public EmbeddingResponse call(EmbeddingRequest request) {
    List<TextSegment> segments = request.getInstructions().stream().map(TextSegment::from).toList();
    var vectors = MODEL.embedAll(segments).content();
    List<Embedding> out = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      out.add(new Embedding(vectors.get(i).vector(), i));
    }
    return new EmbeddingResponse(out);
  }

  @Override
  public float[] embed(Document document) {
    return MODEL.embed(document.getText()).content().vector();
  }

  @Override
  public int dimensions() {
    return 384;
  }
}
