package io.hnsw4j.springai;

import io.hnsw4j.store.Collection;
import io.hnsw4j.store.Database;
import io.hnsw4j.store.ScoredPoint;
import io.hnsw4j.store.StoreOptions;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.PayloadSelector;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.model.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentMetadata;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.observation.conventions.VectorStoreSimilarityMetric;
import org.springframework.ai.vectorstore.AbstractVectorStoreBuilder;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.observation.AbstractObservationVectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;

/**
 * A Spring AI {@link org.springframework.ai.vectorstore.VectorStore} kept in an hnsw4j collection:
 * an HNSW graph for search, each document's text and metadata in its point's payload, every write
 * in the store's write-ahead log before it returns. Build it with {@link #builder}, or let the
 * Spring Boot auto-configuration build it from {@code spring.ai.vectorstore.hnsw4j.*}.
 *
 * <p>Scores ({@link Document#getScore()}) are similarities, higher is better: the cosine or the
 * dot product, or {@code 1 / (1 + distance)} for the Euclid and Manhattan metrics; the metadata
 * key {@code distance} holds {@code 1 - score} for the first two and the distance for the others.
 * A similarity threshold keeps documents scoring at least that much.
 *
 * <p>Filters go through {@link Hnsw4jFilterExpressionConverter} to the store's filters, which its
 * payload indexes and filter evaluator decide. Every add, delete and search is observed (Spring
 * AI's vector store observations) when an {@link io.micrometer.observation.ObservationRegistry}
 * is given.
 *
 * <p>Document ids: a UUID in lower-case canonical form (Spring AI's default) is the point's id;
 * any other string maps to a name-based UUID ({@link PointId#forKey}) and is kept in the payload.
 *
 * <p>Thread safety: every method may be called from any number of threads at once. Close the store
 * (Spring does, for a bean) to checkpoint and release its directory.
 */
public final class Hnsw4jVectorStore extends AbstractObservationVectorStore implements AutoCloseable {
  /** The collection used when the builder names none. */
  public static final String DEFAULT_COLLECTION = "spring-ai";

  /** The name observations give as the database system. */
  public static final String DATABASE_SYSTEM = "hnsw4j";

  /** Points per upsert: each batch is one record in the log, applied all or nothing. */
  static final int WRITE_BATCH = 8192;

  private final Database database;
  private final boolean ownsDatabase;
  private final Collection collection;
  private final Integer ef;
  private final Hnsw4jFilterExpressionConverter filters = new Hnsw4jFilterExpressionConverter();

  private Hnsw4jVectorStore(Builder b) {
    super(b);
    this.ownsDatabase = b.database == null;
    this.database = ownsDatabase ? Database.open(b.directory, b.storeOptions) : b.database;
    this.ef = b.ef;
    try {
      Collection existing = database.find(b.collectionName).orElse(null);
      int dimension = b.dimension != null ? b.dimension : existing != null ? existing.config().size() : embeddingModel.dimensions();
      if (existing != null) {
        CollectionConfig config = existing.config();
        if (config.distance() != b.distance || config.size() != dimension) {
          throw new IllegalArgumentException("collection " + b.collectionName + " holds " + config.distance().qdrantName()
              + " vectors of dimension " + config.size() + ", not " + b.distance.qdrantName() + " of dimension " + dimension);
        }
        this.collection = existing;
      } else {
        this.collection = database.create(b.collectionName, config(dimension, b));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static CollectionConfig config(int dimension, Builder b) {
    return new CollectionConfig(dimension, b.distance, b.m, b.efConstruction, b.ef == null ? CollectionConfig.DEFAULT_EF : b.ef);
  }

  /**
   * A builder; {@code directory} is required (or a shared {@code database}).
   *
   * @param embeddingModel the model that embeds documents and queries
   * @return this builder
   */
  public static Builder builder(EmbeddingModel embeddingModel) {
    return new Builder(embeddingModel);
  }

  /**
   * Embeds the documents with the store's model and batching strategy, and adds or replaces them.
   *
   * @param documents the value
   */
  @Override
  public void doAdd(List<Document> documents) {
    if (documents.isEmpty()) {
      return;
    }
    List<com.fasterxml.jackson.databind.node.ObjectNode> payloads = documents.stream().map(DocumentPayloads::payload).toList();
    List<float[]> embeddings = embeddingModel.embed(documents, EmbeddingOptions.builder().build(), batchingStrategy);
    List<Point> points = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      points.add(new Point(PointId.forKey(documents.get(i).getId()), embeddings.get(i), payloads.get(i)));
    }
    for (int from = 0; from < points.size(); from += WRITE_BATCH) {
      collection.upsert(points.subList(from, Math.min(points.size(), from + WRITE_BATCH)), true);
    }
  }

  /**
   * Deletes the documents with these ids; unknown ids are ignored.
   *
   * @param idList the value
   */
  @Override
  public void doDelete(List<String> idList) {
    List<PointId> ids = new ArrayList<>(idList.size());
    for (String id : idList) {
      if (id == null) {
        throw new IllegalArgumentException("document ids must not be null");
      }
      ids.add(PointId.forKey(id));
    }
    collection.delete(PointSelector.ids(ids), true);
  }

  /** Deletes the documents whose metadata passes the filter. */
  @Override
  protected void doDelete(Filter.Expression filterExpression) {
    if (filterExpression == null) {
      throw new IllegalArgumentException("filter expression must not be null");
    }
    collection.delete(PointSelector.matching(filters.toFilter(filterExpression)), true);
  }

  /**
   * The {@code topK} documents nearest the query, best first, above the threshold and passing the filter.
   *
   * @param request the value
   * @return the {@code topK} documents nearest the query, best first, above the threshold and passing the filter
   */
  @Override
  public List<Document> doSimilaritySearch(SearchRequest request) {
    Distance distance = collection.config().distance();
    double threshold = request.getSimilarityThreshold();
    var search = io.hnsw4j.store.SearchRequest.builder(embeddingModel.embed(request.getQuery()))
        .limit(request.getTopK())
        .ef(ef)
        .filter(request.getFilterExpression() == null ? null : filters.toFilter(request.getFilterExpression()))
        .withPayload(PayloadSelector.ALL);
    if (threshold > 0) {
      // A bound a little looser than asked, so that rounding never drops a match; checked exactly below.
      search.scoreThreshold(distance.higherIsBetter() ? (float) threshold - 1e-6f : (float) (1 / threshold - 1) + 1e-6f);
    }
    List<Document> out = new ArrayList<>();
    for (ScoredPoint p : collection.search(search.build())) {
      double score = distance.higherIsBetter() ? p.score() : 1.0 / (1.0 + p.score());
      if (score < threshold) {
        continue;
      }
      Map<String, Object> metadata = DocumentPayloads.metadata(p.payload());
      metadata.put(DocumentMetadata.DISTANCE.value(), distance.higherIsBetter() ? 1 - p.score() : p.score());
      out.add(Document.builder()
          .id(DocumentPayloads.documentId(p.id(), p.payload()))
          .text(p.payload().path(DocumentPayloads.CONTENT).asText(""))
          .metadata(metadata)
          .score(score)
          .build());
    }
    return out;
  }

  @Override
  public VectorStoreObservationContext.Builder createObservationContextBuilder(String operationName) {
    return VectorStoreObservationContext.builder(DATABASE_SYSTEM, operationName)
        .collectionName(collection.name())
        .dimensions(collection.config().size())
        .similarityMetric(similarityMetric(collection.config().distance()));
  }

  private static String similarityMetric(Distance distance) {
    return switch (distance) {
      case COSINE -> VectorStoreSimilarityMetric.COSINE.value();
      case DOT -> VectorStoreSimilarityMetric.DOT.value();
      case EUCLID -> VectorStoreSimilarityMetric.EUCLIDEAN.value();
      case MANHATTAN -> VectorStoreSimilarityMetric.MANHATTAN.value();
    };
  }

  /**
   * The store's collection behind this vector store.
   *
   * @return the store's collection behind this vector store
   */
  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> getNativeClient() {
    return Optional.of((T) collection);
  }

  /**
   * The filter converter this store uses.
   *
   * @return the filter converter this store uses
   */
  public Hnsw4jFilterExpressionConverter filterExpressionConverter() {
    return filters;
  }

  /** Checkpoints the collection and, when the store opened the directory itself, releases it. */
  @Override
  public void close() {
    if (ownsDatabase && database != null) {
      database.close();
    }
  }

  /** Builds a {@link Hnsw4jVectorStore}, in Spring AI's builder style. */
  public static final class Builder extends AbstractVectorStoreBuilder<Builder> {
    private Path directory;
    private Database database;
    private StoreOptions storeOptions = StoreOptions.DEFAULT;
    private String collectionName = DEFAULT_COLLECTION;
    private Distance distance = Distance.COSINE;
    private Integer dimension;
    private int m = CollectionConfig.DEFAULT_M;
    private int efConstruction = CollectionConfig.DEFAULT_EF_CONSTRUCT;
    private Integer ef;

    private Builder(EmbeddingModel embeddingModel) {
      super(embeddingModel);
    }

    /**
     * The data directory, created if needed; the store opens it and closes it on {@link #close()}.
     *
     * @param directory the data directory
     * @return this builder
     */
    public Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    /**
     * A database opened by the caller (who closes it), instead of a directory.
     *
     * @param database an open database
     * @return this builder
     */
    public Builder database(Database database) {
      this.database = database;
      return this;
    }

    /**
     * How the store runs (checkpoints, index threads); used only with {@link #directory}.
     *
     * @param storeOptions how the store runs
     * @return this builder
     */
    public Builder storeOptions(StoreOptions storeOptions) {
      this.storeOptions = storeOptions;
      return this;
    }

    /**
     * The collection to use (default {@value #DEFAULT_COLLECTION}); created when missing.
     *
     * @param collectionName the collection name
     * @return this builder
     */
    public Builder collectionName(String collectionName) {
      this.collectionName = collectionName;
      return this;
    }

    /**
     * How vectors compare, for a new collection (default cosine).
     *
     * @param distance how vectors compare
     * @return this builder
     */
    public Builder distance(Distance distance) {
      this.distance = distance;
      return this;
    }

    /**
     * The embeddings' dimension (default: the embedding model's).
     *
     * @param dimension the dimension, or null
     * @return this builder
     */
    public Builder dimension(Integer dimension) {
      this.dimension = dimension;
      return this;
    }

    /**
     * Links per node of the graph, for a new collection (default 16).
     *
     * @param m links per node
     * @return this builder
     */
    public Builder m(int m) {
      this.m = m;
      return this;
    }

    /**
     * Beam width while inserting, for a new collection (default 100).
     *
     * @param efConstruction beam width while inserting
     * @return this builder
     */
    public Builder efConstruction(int efConstruction) {
      this.efConstruction = efConstruction;
      return this;
    }

    /**
     * Beam width of searches (default: the collection's, 100 for a new one); at least topK is used.
     *
     * @param ef beam width of searches, or null
     * @return this builder
     */
    public Builder ef(Integer ef) {
      this.ef = ef;
      return this;
    }

    /**
     * Opens the store and its collection, creating the collection when missing.
     *
     * @return opens the store and its collection, creating the collection when missing
     */
    @Override
    public Hnsw4jVectorStore build() {
      if ((directory == null) == (database == null)) {
        throw new IllegalArgumentException("give either a directory or a database");
      }
      if (collectionName == null || distance == null) {
        throw new IllegalArgumentException("collectionName and distance must not be null");
      }
      try {
        config(dimension == null ? 1 : dimension, this);
      } catch (StoreException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      return new Hnsw4jVectorStore(this);
    }
  }
}
