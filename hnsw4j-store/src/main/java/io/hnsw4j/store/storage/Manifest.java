package io.hnsw4j.store.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.store.wal.FileSync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code MANIFEST} file: the commit point of a checkpoint. It names the checkpoint directory,
 * the last log sequence number the checkpoint contains, and each file's size and CRC32C:
 * <pre>{"format": 1, "checkpoint": "cp-00000000000000000042", "wal_seq": 42,
 *  "created": "2026-...Z", "files": {"index.hnsw": {"size": 123, "crc32c": 456}, ...}}</pre>
 * It is replaced atomically (temporary file, fsync, rename, fsync of the directory).
 */
public record Manifest(String checkpoint, long walSeq, Instant created, Map<String, FileEntry> files) {
  public static final String NAME = "MANIFEST";
  private static final ObjectMapper JSON = new ObjectMapper();

  public Manifest {
    files = Map.copyOf(files);
  }

  /** Size and CRC32C of one checkpoint file. */
  public record FileEntry(long size, long crc32c) {}

  /** Replaces the manifest atomically: this commits the checkpoint it names. */
  public void write(Path collectionDir) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", 1);
    root.put("checkpoint", checkpoint);
    root.put("wal_seq", walSeq);
    root.put("created", created.toString());
    ObjectNode list = root.putObject("files");
    files.forEach((name, f) -> list.putObject(name).put("size", f.size()).put("crc32c", f.crc32c()));
    FileSync.writeAtomically(collectionDir.resolve(NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  /** The manifest of a collection directory, or null if it has none (no checkpoint yet). */
  public static Manifest read(Path collectionDir) throws IOException {
    Path file = collectionDir.resolve(NAME);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
    try {
      JsonNode root = JSON.readTree(bytes);
      if (root == null || root.path("format").asInt() != 1 || !root.path("checkpoint").isTextual()) {
        throw new IOException(file + ": not a manifest of format 1");
      }
      Map<String, FileEntry> files = new LinkedHashMap<>();
      root.path("files").properties().forEach(e ->
          files.put(e.getKey(), new FileEntry(e.getValue().path("size").asLong(), e.getValue().path("crc32c").asLong())));
      String checkpoint = root.get("checkpoint").textValue();
      if (!checkpoint.matches("cp-[0-9]{20}")) {
        throw new IOException(file + ": bad checkpoint name '" + checkpoint + "'");
      }
      return new Manifest(checkpoint, root.path("wal_seq").asLong(), Instant.parse(root.path("created").asText()), files);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | java.time.format.DateTimeParseException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
