package io.hnsw4j.langchain4j;

import static dev.langchain4j.internal.ValidationUtils.ensureNotEmpty;
import static dev.langchain4j.internal.ValidationUtils.ensureNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import io.hnsw4j.store.Collection;
import io.hnsw4j.store.Database;
import io.hnsw4j.store.ScoredPoint;
import io.hnsw4j.store.SearchRequest;
import io.hnsw4j.store.StoreOptions;
import io.hnsw4j.store.filter.PointSelector;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.model.PayloadSelector;
import io.hnsw4j.store.model.Point;
import io.hnsw4j.store.model.PointId;
import io.hnsw4j.store.model.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A LangChain4j {@link EmbeddingStore} of {@link TextSegment}s kept in an hnsw4j collection: an
 * HNSW graph for search, the segment's text and metadata in the point's payload, every write in the
 * store's write-ahead log before it returns. Open it on a directory with {@link #builder()}; close
 * it to checkpoint, and build it again on the same directory to find everything there.
 *
 * <p>Scores are LangChain4j's relevance, {@code (cosine + 1) / 2}. Embeddings of unit length (as
 * the usual embedding models give, within 1e-5) are stored as they are and searched by dot product;
 * others are stored normalised, with the original kept in the payload, so every embedding reads
 * back exactly as it was added. Metadata filters are translated to the store's filters (see the
 * package documentation) and decided by its payload indexes and filter evaluator.
 *
 * <p>Ids: LangChain4j's ids are strings, random UUIDs unless the caller gives others. A UUID in
 * lower-case canonical form is the point's id; any other string maps to a name-based UUID
 * ({@link PointId#named}) and is kept in the payload, so it reads back unchanged.
 *
 * <p>Thread safety: every method may be called from any number of threads at once. A write is
 * durable and visible to searches when it returns.
 */
public final class Hnsw4jEmbeddingStore implements EmbeddingStore<TextSegment>, AutoCloseable {
  /** The collection used when the builder names none. */
  public static final String DEFAULT_COLLECTION = "langchain4j";

  /** Points per upsert: each batch is one record in the log, applied all or nothing. */
  static final int WRITE_BATCH = 8192;

  /** How far from 1 a vector's length may be for it to be stored as it is. */
  static final double UNIT_TOLERANCE = 1e-5;

  private final Database database;
  private final boolean ownsDatabase;
  private final String collectionName;
  private final Integer ef;
  private final int m;
  private final int efConstruction;
  private final Map<String, PayloadSchemaType> metadataIndexes;
  private volatile Collection collection;

  private Hnsw4jEmbeddingStore(Builder b) {
    this.ownsDatabase = b.database == null;
    this.database = ownsDatabase ? Database.open(b.directory, b.storeOptions) : b.database;
    this.collectionName = b.collectionName;
    this.ef = b.ef;
    this.metadataIndexes = Map.copyOf(b.metadataIndexes);
    this.m = b.m;
    this.efConstruction = b.efConstruction;
    try {
      Collection existing = database.find(collectionName).orElse(null);
      if (existing != null) {
        checkCompatible(existing, b.dimension);
        this.collection = prepared(existing);
      } else if (b.dimension != null) {
        this.collection = create(b.dimension);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * A builder: {@code directory} is required (or a shared {@code database}); the rest have defaults.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private void checkCompatible(Collection existing, Integer dimension) {
    CollectionConfig config = existing.config();
    if (config.distance() != Distance.DOT) {
      throw new IllegalArgumentException("collection " + collectionName + " uses the " + config.distance().qdrantName()
          + " distance; the LangChain4j store keeps its own collections, which use Dot on unit vectors");
    }
    if (dimension != null && dimension != config.size()) {
      throw new IllegalArgumentException(
          "collection " + collectionName + " holds vectors of dimension " + config.size() + ", not " + dimension);
    }
  }

  private Collection create(int dimension) {
    return prepared(database.create(collectionName, config(dimension, m, efConstruction, ef)));
  }

  /** Creates the payload indexes the builder asked for that the collection lacks. */
  private Collection prepared(Collection c) {
    Map<String, ?> existing = c.info().payloadSchema();
    metadataIndexes.forEach((key, type) -> {
      var path = SegmentPayloads.metadataPath(key);
      if (!existing.containsKey(path.toString())) {
        c.createPayloadIndex(path, type, true);
      }
    });
    return c;
  }

  private static CollectionConfig config(int dimension, int m, int efConstruction, Integer ef) {
    return new CollectionConfig(dimension, Distance.DOT, m, efConstruction, ef == null ? CollectionConfig.DEFAULT_EF : ef);
  }

  /** The collection, created with the first vector's dimension when the builder gave none. */
  private Collection collectionFor(int dimension) {
    Collection c = collection;
    if (c == null) {
      synchronized (this) {
        c = collection;
        if (c == null) {
          c = database.find(collectionName).map(this::prepared).orElseGet(() -> create(dimension));
          collection = c;
        }
      }
    }
    return c;
  }

  /**
   * The collection behind this store (null until the first add when no dimension was given).
   *
   * @return the collection behind this store (null until the first add when no dimension was given)
   */
  public Collection collection() {
    return collection;
  }

  // ---- adds ----

  @Override
  public String add(Embedding embedding) {
    String id = UUID.randomUUID().toString();
    add(id, embedding);
    return id;
  }

  @Override
  public void add(String id, Embedding embedding) {
    addAll(List.of(id), List.of(embedding), null);
  }

  @Override
  public String add(Embedding embedding, TextSegment segment) {
    String id = UUID.randomUUID().toString();
    addAll(List.of(id), List.of(embedding), List.of(segment));
    return id;
  }

  @Override
  public List<String> addAll(List<Embedding> embeddings) {
    List<String> ids = generateIds(ensureNotNull(embeddings, "embeddings").size());
    addAll(ids, embeddings, null);
    return ids;
  }

  /**
   * Adds or replaces embeddings under the given ids, with their segments when {@code segments} is
   * not null. Everything is checked before anything is written; each batch of
   * {@value #WRITE_BATCH} points is written whole or not at all.
   */
  @Override
  public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
    ensureNotNull(ids, "ids");
    ensureNotNull(embeddings, "embeddings");
    if (ids.size() != embeddings.size() || (segments != null && segments.size() != embeddings.size())) {
      throw new IllegalArgumentException("ids, embeddings and segments must be of the same size; got "
          + ids.size() + ", " + embeddings.size() + " and " + (segments == null ? "no" : segments.size()) + " segments");
    }
    if (embeddings.isEmpty()) {
      return;
    }
    int dimension = ensureNotNull(embeddings.getFirst(), "embeddings[0]").dimension();
    Integer expected = collection == null ? null : collection.config().size();
    List<Point> points = new ArrayList<>(embeddings.size());
    for (int i = 0; i < embeddings.size(); i++) {
      String id = ids.get(i);
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("ids[" + i + "] cannot be null or blank");
      }
      Embedding e = ensureNotNull(embeddings.get(i), "embeddings[" + i + "]");
      UnitVectors.check(e.vector(), expected == null ? dimension : expected, "embeddings[" + i + "]");
      float[] stored = UnitVectors.unit(e.vector(), UNIT_TOLERANCE);
      TextSegment segment = segments == null ? null : segments.get(i);
      ObjectNode payload = SegmentPayloads.payload(id, segment, stored == e.vector() ? null : e.vector());
      points.add(new Point(SegmentPayloads.pointId(id), stored, payload));
    }
    Collection c = collectionFor(dimension);
    for (int from = 0; from < points.size(); from += WRITE_BATCH) {
      c.upsert(points.subList(from, Math.min(points.size(), from + WRITE_BATCH)), true);
    }
  }

  // ---- removals ----

  @Override
  public void removeAll(java.util.Collection<String> ids) {
    ensureNotEmpty(ids, "ids");
    List<PointId> points = new ArrayList<>(ids.size());
    for (String id : ids) {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("ids cannot hold a null or blank id");
      }
      points.add(SegmentPayloads.pointId(id));
    }
    Collection c = collection;
    if (c != null) {
      c.delete(PointSelector.ids(points), true);
    }
  }

  @Override
  public void removeAll(Filter filter) {
    ensureNotNull(filter, "filter");
    var storeFilter = MetadataFilters.toStore(filter);
    Collection c = collection;
    if (c != null) {
      c.delete(PointSelector.matching(storeFilter), true);
    }
  }

  @Override
  public void removeAll() {
    Collection c = collection;
    if (c != null) {
      c.delete(PointSelector.matching(io.hnsw4j.store.filter.Filter.ALL), true);
    }
  }

  // ---- search ----

  /**
   * The {@code maxResults} embeddings nearest the query (by cosine), best first, that score at
   * least {@code minScore} and whose segments pass the filter.
   */
  @Override
  public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
    ensureNotNull(request, "request");
    float[] query = ensureNotNull(request.queryEmbedding(), "queryEmbedding").vector();
    var storeFilter = request.filter() == null ? null : MetadataFilters.toStore(request.filter());
    Collection c = collection;
    if (c == null) {
      UnitVectors.check(query, query.length, "queryEmbedding");
      return new EmbeddingSearchResult<>(List.of());
    }
    UnitVectors.check(query, c.config().size(), "queryEmbedding");
    double minScore = request.minScore();
    SearchRequest.Builder search = SearchRequest.builder(UnitVectors.unit(query, 0))
        .limit(request.maxResults())
        .ef(ef)
        .filter(storeFilter)
        .withPayload(PayloadSelector.ALL)
        .withVector(true);
    if (minScore > 0) {
      // A cosine a little below the bound, so that rounding never drops a match; checked exactly below.
      search.scoreThreshold((float) (2 * minScore - 1) - 1e-5f);
    }
    List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
    for (ScoredPoint p : c.search(search.build())) {
      double relevance = Math.clamp((p.score() + 1.0) / 2.0, 0.0, 1.0);
      if (relevance >= minScore) {
        matches.add(new EmbeddingMatch<>(
            relevance,
            SegmentPayloads.embeddingId(p.id(), p.payload()),
            new Embedding(SegmentPayloads.originalVector(p.payload(), p.vector())),
            SegmentPayloads.segment(p.payload())));
      }
    }
    return new EmbeddingSearchResult<>(matches);
  }

  /** Checkpoints the collection and, when the store opened the directory itself, releases it. */
  @Override
  public void close() {
    if (ownsDatabase) {
      database.close();
    }
  }

  /** Builds a {@link Hnsw4jEmbeddingStore}, in LangChain4j's builder style. */
  public static final class Builder {
    private Path directory;
    private Database database;
    private StoreOptions storeOptions = StoreOptions.DEFAULT;
    private String collectionName = DEFAULT_COLLECTION;
    private Integer dimension;
    private int m = CollectionConfig.DEFAULT_M;
    private int efConstruction = CollectionConfig.DEFAULT_EF_CONSTRUCT;
    private Integer ef;
    private final Map<String, PayloadSchemaType> metadataIndexes = new LinkedHashMap<>();

    private Builder() {}

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
     * The embeddings' dimension; without it the collection is created by the first add.
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
     * Beam width of searches (default: the collection's, 100 for a new one); at least maxResults is used.
     *
     * @param ef beam width of searches, or null
     * @return this builder
     */
    public Builder ef(Integer ef) {
      this.ef = ef;
      return this;
    }

    /**
     * Indexes a metadata key so that filters on it are answered by the index instead of by reading
     * payloads: {@code KEYWORD} for strings and UUIDs, {@code INTEGER} or {@code FLOAT} for
     * numbers. {@code TEXT} is refused: it would turn {@code containsString} into a word match.
     *
     * @param key the metadata key
     * @param type the kind of index
     * @return this builder
     */
    public Builder metadataIndex(String key, PayloadSchemaType type) {
      ensureNotNull(type, "type");
      if (type == PayloadSchemaType.TEXT) {
        throw new IllegalArgumentException("a text index would change what containsString means on '" + key + "'");
      }
      SegmentPayloads.metadataPath(key);
      metadataIndexes.put(key, type);
      return this;
    }

    /**
     * Opens the store: the directory, and the collection if it exists or the dimension is known.
     *
     * @return opens the store: the directory, and the collection if it exists or the dimension is known
     */
    public Hnsw4jEmbeddingStore build() {
      if ((directory == null) == (database == null)) {
        throw new IllegalArgumentException("give either a directory or a database");
      }
      ensureNotNull(collectionName, "collectionName");
      if (dimension != null && dimension < 1) {
        throw new IllegalArgumentException("dimension must be positive, got " + dimension);
      }
      try {
        config(dimension == null ? 1 : dimension, m, efConstruction, ef);
      } catch (StoreException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      return new Hnsw4jEmbeddingStore(this);
    }
  }
}
