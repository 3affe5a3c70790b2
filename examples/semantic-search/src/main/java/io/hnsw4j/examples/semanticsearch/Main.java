package io.hnsw4j.examples.semanticsearch;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.filter.Filter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command: {@code [--data DIR] [--topic T] [--level L] [QUESTION...]}. Without questions it
 * asks a few of its own, some with filters, to show what the filters do.
 */
public final class Main {
  private Main() {}

  /** Runs the example; see the class description for the arguments. */
  public static void main(String[] args) {
    Path data = Path.of("semantic-search-data");
    Filter filter = null;
    List<String> questions = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(value(args, ++i));
        case "--topic" -> filter = and(filter, metadataKey("topic").isEqualTo(value(args, ++i)));
        case "--level" -> filter = and(filter, metadataKey("level").isEqualTo(value(args, ++i)));
        default -> questions.add(args[i]);
      }
    }
    try (SemanticSearch search = new SemanticSearch(data)) {
      long start = System.nanoTime();
      long passages = search.indexCorpus();
      System.out.printf("%d passages in %s (ready in %d ms)%n%n", passages, data.toAbsolutePath(), (System.nanoTime() - start) / 1_000_000);
      if (questions.isEmpty()) {
        show(search, "How do I make bread rise?", null);
        show(search, "Why does my plant keep dying?", null);
        show(search, "What is in the night sky?", metadataKey("level").isEqualTo("beginner"));
        show(search, "How do computers survive a crash?", metadataKey("topic").isIn("computing", "history"));
        show(search, "Something about the Moon", Filter.not(metadataKey("topic").isEqualTo("astronomy")));
      } else {
        for (String q : questions) {
          show(search, q, filter);
        }
      }
    }
  }

  private static void show(SemanticSearch search, String question, Filter filter) {
    System.out.println("Q: " + question + (filter == null ? "" : "   [filter: " + filter + "]"));
    for (EmbeddingMatch<TextSegment> m : search.ask(question, filter, 3)) {
      TextSegment s = m.embedded();
      System.out.printf("  %.3f  %-9s %-8s %s%n", m.score(), s.metadata().getString("topic"), s.metadata().getString("level"), s.text());
    }
    System.out.println();
  }

  private static Filter and(Filter a, Filter b) {
    return a == null ? b : a.and(b);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
