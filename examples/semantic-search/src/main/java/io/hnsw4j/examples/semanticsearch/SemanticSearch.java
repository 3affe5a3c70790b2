package io.hnsw4j.examples.semanticsearch;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import io.hnsw4j.langchain4j.Hnsw4jEmbeddingStore;
import io.hnsw4j.store.model.PayloadSchemaType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Semantic search over a small corpus: the passages are embedded in-process with all-MiniLM-L6-v2
 * (the model ships in a Maven jar, nothing is downloaded), kept in an hnsw4j store on disk, and
 * questions are answered by the nearest passages, optionally only those whose metadata passes a
 * filter. The corpus is embedded once; later runs open the directory and search at once.
 */
public final class SemanticSearch implements AutoCloseable {
  private static final String CORPUS = "corpus.tsv";

  private final EmbeddingModel model;
  private final Hnsw4jEmbeddingStore store;

  /** Opens (or creates) the store in {@code directory}, with keyword indexes on the metadata filtered on. */
  public SemanticSearch(Path directory) {
    this.model = new AllMiniLmL6V2EmbeddingModel();
    this.store = Hnsw4jEmbeddingStore.builder()
        .directory(directory)
        .dimension(model.dimension())
        .metadataIndex("topic", PayloadSchemaType.KEYWORD)
        .metadataIndex("level", PayloadSchemaType.KEYWORD)
        .build();
  }

  /** Embeds and stores the corpus unless the store already holds it; returns the passages stored. */
  public long indexCorpus() {
    long stored = store.collection().count(null, true);
    if (stored > 0) {
      return stored;
    }
    List<TextSegment> passages = corpus();
    List<Embedding> embeddings = model.embedAll(passages).content();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < passages.size(); i++) {
      ids.add("passage-" + (i + 1));
    }
    store.addAll(ids, embeddings, passages);
    return passages.size();
  }

  /** The {@code k} passages nearest the question, best first, among those passing {@code filter} (null: all). */
  public List<EmbeddingMatch<TextSegment>> ask(String question, Filter filter, int k) {
    return store.search(EmbeddingSearchRequest.builder()
        .queryEmbedding(model.embed(question).content())
        .maxResults(k)
        .filter(filter)
        .build()).matches();
  }

  /** The passages of the bundled corpus: text, with topic and level as metadata. */
  static List<TextSegment> corpus() {
    List<TextSegment> out = new ArrayList<>();
    try (var in = SemanticSearch.class.getResourceAsStream(CORPUS);
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", 3);
        out.add(TextSegment.from(fields[2], new Metadata().put("topic", fields[0]).put("level", fields[1])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the corpus", e);
    }
    return out;
  }

  @Override
  public void close() {
    store.close();
  }
}
