package io.hnsw4j.store.storage;

import io.hnsw4j.store.model.FieldPath;
import io.hnsw4j.store.model.PayloadSchemaType;
import io.hnsw4j.store.wal.FileSync;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Writes and finds checkpoints. A checkpoint is a directory {@code cp-<wal seq>} holding
 * {@code index.hnsw} (the hnsw4j index, keyed by point number) and {@link PointsFile}. It is built
 * as {@code cp-<seq>.tmp}, every file fsynced, renamed into place, the collection directory
 * fsynced; then the {@link Manifest} naming it is replaced atomically, which is the commit point.
 * Older checkpoint directories are deleted after that.
 */
public final class Checkpoints {
  public static final String INDEX = "index.hnsw";
  private static final String PREFIX = "cp-";

  private Checkpoints() {}

  /** Saves the vector index to a file (fsynced). */
  @FunctionalInterface
  public interface IndexSaver {
    void save(Path file) throws IOException;
  }

  /** The payload side of a checkpoint, as {@link PointsFile#write} takes it. */
  public record PointsData(int highWater, int count, Iterable<PointsFile.Entry> points, Map<FieldPath, PayloadSchemaType> indexes) {}

  public static String dirName(long walSeq) {
    return String.format("%s%020d", PREFIX, walSeq);
  }

  /** Writes a checkpoint of everything up to {@code walSeq} and commits it; returns its manifest. */
  public static Manifest write(Path collectionDir, long walSeq, IndexSaver index, PointsData points) throws IOException {
    String name = dirName(walSeq);
    Path tmp = collectionDir.resolve(name + ".tmp");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    index.save(tmp.resolve(INDEX));
    long pointsCrc = PointsFile.write(tmp.resolve(PointsFile.NAME), walSeq, points.highWater(), points.count(), points.points(), points.indexes());
    FileSync.directory(tmp);
    Map<String, Manifest.FileEntry> files =
        Map.of(
            INDEX, new Manifest.FileEntry(Files.size(tmp.resolve(INDEX)), crc32c(tmp.resolve(INDEX))),
            PointsFile.NAME, new Manifest.FileEntry(Files.size(tmp.resolve(PointsFile.NAME)), pointsCrc));
    Path target = collectionDir.resolve(name);
    deleteTree(target);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    FileSync.directory(collectionDir);
    Manifest manifest = new Manifest(name, walSeq, Instant.now(), files);
    manifest.write(collectionDir);
    removeOthers(collectionDir, name);
    return manifest;
  }

  /** The directory of the checkpoint a manifest names, after checking its files' sizes. */
  public static Path locate(Path collectionDir, Manifest manifest) throws IOException {
    Path dir = collectionDir.resolve(manifest.checkpoint());
    for (Map.Entry<String, Manifest.FileEntry> f : manifest.files().entrySet()) {
      Path file = dir.resolve(f.getKey());
      if (!Files.isRegularFile(file)) {
        throw new IOException(file + " is missing; the manifest names it");
      }
      if (Files.size(file) != f.getValue().size()) {
        throw new IOException(file + " has " + Files.size(file) + " bytes; the manifest says " + f.getValue().size());
      }
    }
    return dir;
  }

  /** Deletes checkpoint directories (and unfinished ones) other than {@code keep}. */
  public static void removeOthers(Path collectionDir, String keep) throws IOException {
    try (Stream<Path> entries = Files.list(collectionDir)) {
      for (Path p : entries.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith(PREFIX) && !n.equals(keep)) {
          deleteTree(p);
        }
      }
    }
  }

  public static long crc32c(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
      }
    }
    return crc.getValue();
  }

  /** Deletes a file or a directory tree; nothing if absent. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
