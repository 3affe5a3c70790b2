package io.hnsw4j.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.Filter.ExpressionType;

/**
 * Random documents and random filter expressions: hnsw4j must select exactly the documents that
 * Spring AI's own in-memory {@link SimpleVectorStore} (its reference filter evaluator) selects, in
 * searches and in deletions. Every operator is generated; orderings (GT, GTE, LT, LTE) only on keys
 * every document holds, where the two agree by design (see Hnsw4jFilterExpressionConverter).
 */
class FilterOracleTest {
  private static final int DOCUMENTS = 200;
  private static final String[] WORDS = {"a", "b", "ba", "c", "B", "abc"};

  @TempDir Path directory;

  @Test
  void hnsw4jSelectsWhatSpringAisReferenceStoreSelects() {
    Random random = new Random(5);
    WordHashEmbeddingModel model = new WordHashEmbeddingModel();
    VectorStore reference = SimpleVectorStore.builder(model).build();
    try (Hnsw4jVectorStore store = Hnsw4jVectorStore.builder(model).directory(directory).build()) {
      List<Document> documents = new ArrayList<>();
      for (int i = 0; i < DOCUMENTS; i++) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("s", WORDS[random.nextInt(WORDS.length)]);
        metadata.put("n", switch (random.nextInt(3)) {
          case 0 -> random.nextInt(7) - 3;
          case 1 -> (long) (random.nextInt(7) - 3);
          default -> (random.nextInt(13) - 6) / 2.0;
        });
        metadata.put("flag", random.nextBoolean());
        if (random.nextBoolean()) {
          metadata.put("maybe", WORDS[random.nextInt(3)]);
        }
        documents.add(Document.builder().id("doc-" + i).text("text " + i + " " + WORDS[i % WORDS.length]).metadata(metadata).build());
      }
      reference.add(documents);
      store.add(documents);

      for (int round = 0; round < 200; round++) {
        Filter.Expression filter = randomExpression(random, 2);
        assertEquals(ids(reference, filter), ids(store, filter), "round " + round + ": " + filter);
      }

      Filter.Expression removal = randomExpression(random, 1);
      reference.delete(removal);
      store.delete(removal);
      assertEquals(ids(reference, null), ids(store, null), "after delete(" + removal + ")");
    }
  }

  private static Set<String> ids(VectorStore store, Filter.Expression filter) {
    Set<String> out = new TreeSet<>();
    store.similaritySearch(SearchRequest.builder().query("text a").topK(DOCUMENTS).similarityThresholdAll()
        .filterExpression(filter).build()).forEach(d -> out.add(d.getId()));
    return out;
  }

  private static Filter.Expression randomExpression(Random random, int depth) {
    if (depth > 0 && random.nextInt(3) == 0) {
      Filter.Expression left = randomExpression(random, depth - 1);
      return switch (random.nextInt(3)) {
        case 0 -> new Filter.Expression(ExpressionType.AND, left, new Filter.Group(randomExpression(random, depth - 1)));
        case 1 -> new Filter.Expression(ExpressionType.OR, left, randomExpression(random, depth - 1));
        default -> new Filter.Expression(ExpressionType.NOT, new Filter.Group(left));
      };
    }
    return switch (random.nextInt(4)) {
      case 0 -> comparison(random, "s", WORDS[random.nextInt(WORDS.length)], WORDS[random.nextInt(WORDS.length)], true);
      case 1 -> {
        Object n = switch (random.nextInt(3)) {
          case 0 -> random.nextInt(5) - 2;
          case 1 -> (long) (random.nextInt(5) - 2);
          default -> (random.nextInt(9) - 4) / 2.0;
        };
        yield comparison(random, "n", n, 1.5, true);
      }
      case 2 -> comparison(random, "flag", random.nextBoolean(), true, false);
      default -> random.nextInt(4) == 0
          ? new Filter.Expression(random.nextBoolean() ? ExpressionType.ISNULL : ExpressionType.ISNOTNULL, new Filter.Key("maybe"))
          : comparison(random, "maybe", WORDS[random.nextInt(3)], WORDS[random.nextInt(3)], false);
    };
  }

  /** A comparison on {@code key}; orderings only when {@code ordered}. */
  private static Filter.Expression comparison(Random random, String key, Object value, Object other, boolean ordered) {
    ExpressionType[] types = ordered
        ? new ExpressionType[] {ExpressionType.EQ, ExpressionType.NE, ExpressionType.GT, ExpressionType.GTE, ExpressionType.LT, ExpressionType.LTE, ExpressionType.IN, ExpressionType.NIN}
        : new ExpressionType[] {ExpressionType.EQ, ExpressionType.NE, ExpressionType.IN, ExpressionType.NIN};
    ExpressionType type = types[random.nextInt(types.length)];
    Object operand = type == ExpressionType.IN || type == ExpressionType.NIN ? List.of(value, other) : value;
    return new Filter.Expression(type, new Filter.Key(key), new Filter.Value(operand));
  }
}
