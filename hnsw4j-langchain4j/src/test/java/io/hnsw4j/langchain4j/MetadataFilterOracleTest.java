package io.hnsw4j.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import io.hnsw4j.store.model.PayloadSchemaType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random metadata and random filters: the store must select exactly the segments whose metadata
 * LangChain4j's own {@link Filter#test} accepts, in searches and in removals, with and without
 * payload indexes. Numbers of all four types share one key, as LangChain4j compares them by value.
 * (Not generated: range comparisons on UUIDs, which the store orders as strings where
 * LangChain4j uses {@link UUID#compareTo}; integers beyond 2^53, see MetadataFiltersTest.)
 */
class MetadataFilterOracleTest {
  private static final int SEGMENTS = 300;
  private static final int DIMENSION = 8;
  private static final String[] WORDS = {"a", "b", "ba", "c", "B", "", "abc", "b a"};
  private static final UUID[] UUIDS = {new UUID(1, 2), new UUID(-5, 7), new UUID(3, -1)};

  @TempDir Path directory;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void storeSelectsWhatLangChain4jsFiltersAccept(boolean indexed) {
    Random random = new Random(indexed ? 11 : 7);
    Hnsw4jEmbeddingStore.Builder builder = Hnsw4jEmbeddingStore.builder().directory(directory).dimension(DIMENSION);
    if (indexed) {
      builder.metadataIndex("s", PayloadSchemaType.KEYWORD).metadataIndex("n", PayloadSchemaType.FLOAT).metadataIndex("u", PayloadSchemaType.KEYWORD);
    }
    try (Hnsw4jEmbeddingStore store = builder.build()) {
      List<Metadata> metadata = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      List<Embedding> embeddings = new ArrayList<>();
      List<TextSegment> segments = new ArrayList<>();
      for (int i = 0; i < SEGMENTS; i++) {
        Metadata m = randomMetadata(random);
        metadata.add(m);
        ids.add("segment-" + i);
        embeddings.add(new Embedding(randomVector(random)));
        segments.add(TextSegment.from("text " + i, m));
      }
      store.addAll(ids, embeddings, segments);

      for (int round = 0; round < 150; round++) {
        Filter filter = randomFilter(random, 2);
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < SEGMENTS; i++) {
          if (filter.test(metadata.get(i))) {
            expected.add(ids.get(i));
          }
        }
        Set<String> found = new TreeSet<>();
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
            .queryEmbedding(new Embedding(randomVector(random))).maxResults(SEGMENTS).filter(filter).build();
        for (EmbeddingMatch<TextSegment> match : store.search(request).matches()) {
          found.add(match.embeddingId());
        }
        assertEquals(expected, found, "round " + round + ": " + filter);
      }

      Filter removal = randomFilter(random, 2);
      Set<String> kept = new TreeSet<>();
      for (int i = 0; i < SEGMENTS; i++) {
        if (!removal.test(metadata.get(i))) {
          kept.add(ids.get(i));
        }
      }
      store.removeAll(removal);
      Set<String> left = new TreeSet<>();
      store.search(EmbeddingSearchRequest.builder().queryEmbedding(new Embedding(randomVector(random))).maxResults(SEGMENTS).build())
          .matches().forEach(m -> left.add(m.embeddingId()));
      assertEquals(kept, left, "removeAll(" + removal + ")");
    }
  }

  private static Metadata randomMetadata(Random random) {
    Metadata m = new Metadata();
    if (random.nextInt(5) > 0) {
      m.put("s", WORDS[random.nextInt(WORDS.length)]);
    }
    if (random.nextInt(5) > 0) {
      m.put("u", UUIDS[random.nextInt(UUIDS.length)]);
    }
    if (random.nextInt(5) > 0) {
      switch (random.nextInt(4)) {
        case 0 -> m.put("n", random.nextInt(7) - 3);
        case 1 -> m.put("n", (long) (random.nextInt(7) - 3));
        case 2 -> m.put("n", (random.nextInt(13) - 6) / 2f + 0.1f);
        default -> m.put("n", (random.nextInt(13) - 6) / 2.0);
      }
    }
    return m;
  }

  private static Filter randomFilter(Random random, int depth) {
    if (depth > 0 && random.nextInt(3) == 0) {
      return switch (random.nextInt(3)) {
        case 0 -> Filter.and(randomFilter(random, depth - 1), randomFilter(random, depth - 1));
        case 1 -> Filter.or(randomFilter(random, depth - 1), randomFilter(random, depth - 1));
        default -> Filter.not(randomFilter(random, depth - 1));
      };
    }
    return switch (random.nextInt(3)) {
      case 0 -> stringComparison(random);
      case 1 -> uuidComparison(random);
      default -> numberComparison(random);
    };
  }

  private static Filter stringComparison(Random random) {
    MetadataFilterBuilder key = MetadataFilterBuilder.metadataKey("s");
    String w = WORDS[random.nextInt(WORDS.length)];
    return switch (random.nextInt(9)) {
      case 0 -> key.isEqualTo(w);
      case 1 -> key.isNotEqualTo(w);
      case 2 -> key.isGreaterThan(w);
      case 3 -> key.isGreaterThanOrEqualTo(w);
      case 4 -> key.isLessThan(w);
      case 5 -> key.isLessThanOrEqualTo(w);
      case 6 -> key.isIn(w, WORDS[random.nextInt(WORDS.length)]);
      case 7 -> key.isNotIn(w, WORDS[random.nextInt(WORDS.length)]);
      default -> key.containsString(w.isEmpty() ? "b" : w.substring(0, 1));
    };
  }

  private static Filter uuidComparison(Random random) {
    MetadataFilterBuilder key = MetadataFilterBuilder.metadataKey("u");
    UUID u = UUIDS[random.nextInt(UUIDS.length)];
    return switch (random.nextInt(4)) {
      case 0 -> key.isEqualTo(u);
      case 1 -> key.isNotEqualTo(u);
      case 2 -> key.isIn(u, UUIDS[random.nextInt(UUIDS.length)]);
      default -> key.isNotIn(List.of(u));
    };
  }

  private static Filter numberComparison(Random random) {
    Number n = switch (random.nextInt(4)) {
      case 0 -> random.nextInt(5) - 2;
      case 1 -> (long) (random.nextInt(5) - 2);
      case 2 -> (random.nextInt(9) - 4) / 2f + 0.1f;
      default -> (random.nextInt(9) - 4) / 2.0;
    };
    Comparable<?> c = (Comparable<?>) n;
    return switch (random.nextInt(8)) {
      case 0 -> new IsEqualTo("n", n);
      case 1 -> new IsNotEqualTo("n", n);
      case 2 -> new IsGreaterThan("n", c);
      case 3 -> new IsGreaterThanOrEqualTo("n", c);
      case 4 -> new IsLessThan("n", c);
      case 5 -> new IsLessThanOrEqualTo("n", c);
      case 6 -> new IsIn("n", List.of(n, 1, 0.5));
      default -> new IsNotIn("n", List.of(n, -1L));
    };
  }

  private static float[] randomVector(Random random) {
    float[] v = new float[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
