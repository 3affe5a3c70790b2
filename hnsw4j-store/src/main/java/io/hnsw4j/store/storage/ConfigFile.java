package io.hnsw4j.store.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.StoreException;
import io.hnsw4j.store.wal.FileSync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A collection's {@code config.json}, written once when the collection is created:
 * <pre>{"format": 1, "vectors": {"size": 128, "distance": "Cosine"},
 *  "hnsw_config": {"m": 16, "ef_construct": 100}, "ef": 100}</pre>
 */
public final class ConfigFile {
  public static final String NAME = "config.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigFile() {}

  /** Writes {@code config.json} atomically (temporary file, fsync, rename). */
  public static void write(Path collectionDir, CollectionConfig config) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", 1);
    root.putObject("vectors").put("size", config.size()).put("distance", config.distance().qdrantName());
    root.putObject("hnsw_config").put("m", config.m()).put("ef_construct", config.efConstruct());
    root.put("ef", config.ef());
    FileSync.writeAtomically(collectionDir.resolve(NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  /** Reads {@code config.json}; IOException naming the file if it is damaged. */
  public static CollectionConfig read(Path collectionDir) throws IOException {
    Path file = collectionDir.resolve(NAME);
    try {
      JsonNode root = JSON.readTree(Files.readAllBytes(file));
      if (root.path("format").asInt() != 1) {
        throw new IOException(file + ": unsupported format " + root.path("format"));
      }
      return new CollectionConfig(
          root.path("vectors").path("size").asInt(),
          Distance.parse(root.path("vectors").path("distance").asText()),
          root.path("hnsw_config").path("m").asInt(),
          root.path("hnsw_config").path("ef_construct").asInt(),
          root.path("ef").asInt());
    } catch (StoreException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
