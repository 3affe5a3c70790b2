package io.hnsw4j.springai;

import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code spring.ai.vectorstore.hnsw4j.*}: where the store keeps its data and how a new collection
 * is built. Only {@code directory} is required.
 */
@ConfigurationProperties(Hnsw4jVectorStoreProperties.PREFIX)
public class Hnsw4jVectorStoreProperties {

  /** Properties with their defaults; Spring binds the configured values. */
  public Hnsw4jVectorStoreProperties() {}
  /** The prefix of these properties. */
  public static final String PREFIX = "spring.ai.vectorstore.hnsw4j";

  private Path directory;
  private String collectionName = Hnsw4jVectorStore.DEFAULT_COLLECTION;
  private Distance metric = Distance.COSINE;
  private Integer dimension;
  private int m = CollectionConfig.DEFAULT_M;
  private int efConstruction = CollectionConfig.DEFAULT_EF_CONSTRUCT;
  private Integer ef;

  /**
   * The data directory (created if needed).
   *
   * @return the data directory (created if needed)
   */
  public Path getDirectory() {
    return directory;
  }

  /**
   * Sets the data directory.
   *
   * @param directory the data directory
   */
  public void setDirectory(Path directory) {
    this.directory = directory;
  }

  /**
   * The collection's name (default {@code spring-ai}).
   *
   * @return the collection's name (default {@code spring-ai})
   */
  public String getCollectionName() {
    return collectionName;
  }

  /**
   * Sets the collection's name.
   *
   * @param collectionName the collection name
   */
  public void setCollectionName(String collectionName) {
    this.collectionName = collectionName;
  }

  /**
   * How vectors compare: cosine (default), dot, euclid or manhattan.
   *
   * @return how vectors compare: cosine (default), dot, euclid or manhattan
   */
  public Distance getMetric() {
    return metric;
  }

  /**
   * Sets how vectors compare.
   *
   * @param metric how vectors compare
   */
  public void setMetric(Distance metric) {
    this.metric = metric;
  }

  /**
   * The embeddings' dimension (default: the embedding model's).
   *
   * @return the embeddings' dimension (default: the embedding model's)
   */
  public Integer getDimension() {
    return dimension;
  }

  /**
   * Sets the embeddings' dimension.
   *
   * @param dimension the dimension, or null
   */
  public void setDimension(Integer dimension) {
    this.dimension = dimension;
  }

  /**
   * Links per node of the graph (default 16).
   *
   * @return links per node of the graph (default 16)
   */
  public int getM() {
    return m;
  }

  /**
   * Sets the links per node.
   *
   * @param m links per node
   */
  public void setM(int m) {
    this.m = m;
  }

  /**
   * Beam width while inserting (default 100).
   *
   * @return beam width while inserting (default 100)
   */
  public int getEfConstruction() {
    return efConstruction;
  }

  /**
   * Sets the beam width while inserting.
   *
   * @param efConstruction beam width while inserting
   */
  public void setEfConstruction(int efConstruction) {
    this.efConstruction = efConstruction;
  }

  /**
   * Beam width of searches (default: the collection's, 100 for a new one).
   *
   * @return beam width of searches (default: the collection's, 100 for a new one)
   */
  public Integer getEf() {
    return ef;
  }

  /**
   * Sets the beam width of searches.
   *
   * @param ef beam width of searches, or null
   */
  public void setEf(Integer ef) {
    this.ef = ef;
  }
}
