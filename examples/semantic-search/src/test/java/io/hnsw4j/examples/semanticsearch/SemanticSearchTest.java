package io.hnsw4j.examples.semanticsearch;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example answers its questions with the right passages, honours filters, and reopens its data. */
class SemanticSearchTest {
  @TempDir Path data;

  private static String top(List<EmbeddingMatch<TextSegment>> matches) {
    return matches.getFirst().embedded().text();
  }

  @Test
  void answersQuestionsWithTheRightPassagesAndFilters() {
    int corpus = SemanticSearch.corpus().size();
    try (SemanticSearch search = new SemanticSearch(data)) {
      assertEquals(corpus, search.indexCorpus());
      assertTrue(top(search.ask("How do I make bread rise?", null, 3)).startsWith("Bread rises because yeast"));
      assertTrue(top(search.ask("Why do my houseplants keep dying?", null, 3)).startsWith("Most houseplants die"));
      assertTrue(top(search.ask("Who walked on the Moon first?", null, 3)).startsWith("The first people to walk on the Moon"));

      List<EmbeddingMatch<TextSegment>> beginners = search.ask("black holes and collapsing stars", metadataKey("level").isEqualTo("beginner"), 5);
      assertEquals(5, beginners.size());
      beginners.forEach(m -> assertEquals("beginner", m.embedded().metadata().getString("level")));

      List<EmbeddingMatch<TextSegment>> notAstronomy = search.ask("the Moon", metadataKey("topic").isNotEqualTo("astronomy"), 3);
      notAstronomy.forEach(m -> assertTrue(!m.embedded().metadata().getString("topic").equals("astronomy")));
      assertTrue(top(notAstronomy).startsWith("The first people to walk on the Moon"));
    }
    try (SemanticSearch search = new SemanticSearch(data)) {
      assertEquals(corpus, search.indexCorpus(), "the reopened store holds the corpus; nothing is embedded again");
      assertTrue(top(search.ask("crash recovery in databases", metadataKey("topic").isEqualTo("computing"), 1)).startsWith("A write-ahead log"));
    }
  }
}
