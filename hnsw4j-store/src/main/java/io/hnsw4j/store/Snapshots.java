package io.hnsw4j.store;

import io.hnsw4j.store.model.StoreException;
import io.hnsw4j.store.storage.Checkpoints;
import io.hnsw4j.store.storage.ConfigFile;
import io.hnsw4j.store.storage.Manifest;
import io.hnsw4j.store.storage.SnapshotArchive;
import io.hnsw4j.store.wal.FileSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The snapshots of one collection: files {@code <collection>-<UTC time>.snapshot} (a {@link
 * SnapshotArchive}) with a {@code .sha256} file beside each, in the database's snapshot directory
 * for the collection. Creating one checkpoints the collection, hard-links (or copies) the
 * checkpoint's files while writers wait, then zips them while everything goes on.
 */
final class Snapshots {
  static final String SUFFIX = ".snapshot";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.snapshot");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss-SSS").withZone(ZoneOffset.UTC);

  private final String collection;
  private final Path collectionDir;
  private final Path dir;

  Snapshots(String collection, Path collectionDir, Path dir) {
    this.collection = collection;
    this.collectionDir = collectionDir;
    this.dir = dir;
  }

  SnapshotInfo create(Collection owner, UpdateWorker worker) {
    Path staging = dir.resolve(".staging-" + System.nanoTime());
    try {
      Files.createDirectories(dir);
      worker.afterCheckpoint(manifest -> {
        stage(manifest, staging);
        return null;
      });
      Instant now = Instant.now();
      Path target = unusedName(now);
      String sha = SnapshotArchive.create(staging, target);
      FileSync.writeAtomically(checksumFile(target), sha.getBytes(StandardCharsets.US_ASCII));
      return info(target);
    } catch (IOException e) {
      throw StoreException.internal("creating a snapshot of " + owner.name() + " failed: " + e.getMessage(), e);
    } finally {
      try {
        Checkpoints.deleteTree(staging);
      } catch (IOException e) {
        // a leftover staging directory is removed with the next one; nothing depends on it
      }
    }
  }

  /** Links the committed checkpoint's files into {@code staging} (runs while writers wait). */
  private void stage(Manifest manifest, Path staging) throws IOException {
    Path checkpoint = Checkpoints.locate(collectionDir, manifest);
    Files.createDirectories(staging.resolve(manifest.checkpoint()));
    link(collectionDir.resolve(ConfigFile.NAME), staging.resolve(ConfigFile.NAME));
    link(collectionDir.resolve(Manifest.NAME), staging.resolve(Manifest.NAME));
    for (String file : manifest.files().keySet()) {
      link(checkpoint.resolve(file), staging.resolve(manifest.checkpoint()).resolve(file));
    }
  }

  private static void link(Path existing, Path link) throws IOException {
    try {
      Files.createLink(link, existing);
    } catch (UnsupportedOperationException | IOException e) {
      if (e instanceof FileAlreadyExistsException) {
        throw (IOException) e;
      }
      Files.copy(existing, link);
    }
  }

  private Path unusedName(Instant now) {
    String base = collection + "-" + TIME.format(now);
    Path target = dir.resolve(base + SUFFIX);
    for (int i = 1; Files.exists(target); i++) {
      target = dir.resolve(base + "-" + i + SUFFIX);
    }
    return target;
  }

  List<SnapshotInfo> list() {
    List<SnapshotInfo> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String n = f.getFileName().toString();
        if (NAME.matcher(n).matches() && Files.isRegularFile(f)) {
          out.add(info(f));
        }
      }
    } catch (IOException e) {
      throw StoreException.internal("listing snapshots of " + collection + " failed: " + e.getMessage(), e);
    }
    return out;
  }

  Path file(String name) {
    Path f = resolve(name);
    if (!Files.isRegularFile(f)) {
      throw StoreException.notFound("collection " + collection + " has no snapshot " + name);
    }
    return f;
  }

  boolean delete(String name) {
    Path f = resolve(name);
    try {
      Files.deleteIfExists(checksumFile(f));
      boolean deleted = Files.deleteIfExists(f);
      if (deleted) {
        FileSync.directory(dir);
      }
      return deleted;
    } catch (IOException e) {
      throw StoreException.internal("deleting snapshot " + name + " failed: " + e.getMessage(), e);
    }
  }

  private Path resolve(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
      throw StoreException.badRequest("invalid snapshot name '" + name + "'");
    }
    return dir.resolve(name);
  }

  private static SnapshotInfo info(Path f) throws IOException {
    Path sum = checksumFile(f);
    String sha = Files.exists(sum) ? Files.readString(sum, StandardCharsets.US_ASCII).trim() : SnapshotArchive.sha256(f);
    return new SnapshotInfo(f.getFileName().toString(), Files.getLastModifiedTime(f).toInstant(), Files.size(f), sha);
  }

  private static Path checksumFile(Path snapshot) {
    return snapshot.resolveSibling(snapshot.getFileName() + ".sha256");
  }
}
