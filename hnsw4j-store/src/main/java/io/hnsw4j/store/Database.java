package io.hnsw4j.store;

import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.StoreException;
import io.hnsw4j.store.storage.Checkpoints;
import io.hnsw4j.store.storage.ConfigFile;
import io.hnsw4j.store.storage.Manifest;
import io.hnsw4j.store.storage.SnapshotArchive;
import io.hnsw4j.store.wal.FileSync;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The collections of one data directory. Layout:
 *
 * <pre>
 * DATA/.lock                                   held while open: one process per directory
 * DATA/collections/NAME/config.json            the collection's parameters
 * DATA/collections/NAME/MANIFEST               names the current checkpoint (the commit point)
 * DATA/collections/NAME/cp-SEQ/index.hnsw      the graph index of the checkpoint
 * DATA/collections/NAME/cp-SEQ/points.bin      ids, payloads, payload index definitions
 * DATA/collections/NAME/wal/SEQ.wal            log segments after the checkpoint
 * DATA/snapshots/NAME/NAME-TIME.snapshot       snapshots (and their .sha256)
 * </pre>
 *
 * Creating, recovering and deleting a collection build or remove its directory under a hidden
 * name and rename it, so a crash never leaves half a collection under a real name.
 *
 * <p>Thread safety: all methods may be called from any threads; creating, deleting and recovering
 * are serialised.
 */
public final class Database implements AutoCloseable {
  private static final String COLLECTIONS = "collections";
  private static final String SNAPSHOTS = "snapshots";

  private final Path dataDir;
  private final StoreOptions options;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Map<String, Collection> collections = new ConcurrentHashMap<>();
  private boolean closed;

  private Database(Path dataDir, StoreOptions options, FileChannel lockChannel, FileLock lock) {
    this.dataDir = dataDir;
    this.options = options;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Opens (creating if needed) a data directory with the default options. */
  public static Database open(Path dataDir) {
    return open(dataDir, StoreOptions.DEFAULT);
  }

  /**
   * Opens a data directory and every collection in it. CONFLICT if another process has it open;
   * INTERNAL naming the collection and file if one cannot be opened.
   */
  public static Database open(Path dataDir, StoreOptions options) {
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir.resolve(COLLECTIONS));
      Files.createDirectories(dataDir.resolve(SNAPSHOTS));
      channel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null; // this JVM has it open already
      }
      if (lock == null) {
        channel.close();
        throw StoreException.conflict("data directory " + dataDir + " is in use by another process");
      }
      Database db = new Database(dataDir, options, channel, lock);
      db.openAll();
      return db;
    } catch (IOException e) {
      closeQuietly(channel);
      throw StoreException.internal("cannot open data directory " + dataDir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private void openAll() throws IOException {
    try (Stream<Path> entries = Files.list(dataDir.resolve(COLLECTIONS))) {
      for (Path dir : entries.sorted().toList()) {
        String name = dir.getFileName().toString();
        if (name.startsWith(".")) {
          Checkpoints.deleteTree(dir); // an unfinished create, recover or delete
        } else if (CollectionNames.isValid(name) && Files.isDirectory(dir)) {
          try {
            collections.put(name, CollectionLoader.open(name, dir, snapshotDir(name), options));
          } catch (RuntimeException e) {
            closeCollections();
            throw e;
          }
        }
      }
    }
  }

  /** The directory this database lives in. */
  public Path dataDir() {
    return dataDir;
  }

  /** Creates an empty collection; CONFLICT if the name is taken, BAD_REQUEST if it is invalid. */
  public synchronized Collection create(String name, CollectionConfig config) {
    checkOpen();
    CollectionNames.check(name);
    if (config == null) {
      throw StoreException.badRequest("collection config is required");
    }
    if (collections.containsKey(name)) {
      throw StoreException.conflict("collection " + name + " already exists");
    }
    Path staging = hidden("new", name);
    try {
      Files.createDirectories(staging);
      ConfigFile.write(staging, config);
      FileSync.directory(staging);
      return install(name, staging);
    } catch (IOException e) {
      throw StoreException.internal("creating collection " + name + " failed: " + e.getMessage(), e);
    }
  }

  /** The collection with this name; NOT_FOUND if there is none. */
  public Collection get(String name) {
    Collection c = collections.get(name);
    if (c == null) {
      throw StoreException.notFound("collection " + name + " does not exist");
    }
    return c;
  }

  /** The collection with this name, if there is one. */
  public Optional<Collection> find(String name) {
    return Optional.ofNullable(collections.get(name));
  }

  /** Whether a collection has this name. */
  public boolean exists(String name) {
    return collections.containsKey(name);
  }

  /** Collection names, sorted. */
  public List<String> list() {
    List<String> names = new ArrayList<>(collections.keySet());
    names.sort(null);
    return names;
  }

  /** Deletes a collection and its files (its snapshots stay); returns false if there was none. */
  public synchronized boolean delete(String name) {
    checkOpen();
    Collection c = collections.remove(name);
    if (c == null) {
      return false;
    }
    closeWithoutCheckpoint(c);
    removeDirectory(name);
    return true;
  }

  /**
   * Recovers a collection from a snapshot file, replacing the collection of that name if there
   * is one. The snapshot is extracted and checked completely before anything is replaced.
   */
  public synchronized Collection recoverSnapshot(String name, Path snapshotFile) {
    checkOpen();
    CollectionNames.check(name);
    if (snapshotFile == null || !Files.isRegularFile(snapshotFile)) {
      throw StoreException.notFound("snapshot file " + snapshotFile + " does not exist");
    }
    Path staging = hidden("recover", name);
    try {
      SnapshotArchive.extract(snapshotFile, staging);
      ConfigFile.read(staging);
      Manifest manifest = Manifest.read(staging);
      if (manifest == null) {
        throw new IOException("the snapshot has no manifest");
      }
      Checkpoints.locate(staging, manifest);
    } catch (IOException e) {
      deleteQuietly(staging);
      throw StoreException.badRequest("snapshot " + snapshotFile.getFileName() + " cannot be recovered: " + e.getMessage());
    }
    Collection old = collections.remove(name);
    if (old != null) {
      closeWithoutCheckpoint(old);
      removeDirectory(name);
    }
    try {
      return install(name, staging);
    } catch (IOException e) {
      throw StoreException.internal("recovering collection " + name + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * The directory under which every collection keeps its snapshots ({@code DATA/snapshots}); a
   * server may accept snapshot files from here only.
   */
  public Path snapshotRoot() {
    return dataDir.resolve(SNAPSHOTS);
  }

  /** The directory holding a collection's snapshots. */
  Path snapshotDir(String name) {
    return dataDir.resolve(SNAPSHOTS).resolve(name);
  }

  /** Closes every collection (checkpointing as the options say) and releases the directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      closeCollections();
    } finally {
      try {
        lock.release();
      } catch (IOException e) {
        // the lock goes with the channel anyway
      }
      closeQuietly(lockChannel);
    }
  }

  private Collection install(String name, Path staging) throws IOException {
    Path dir = dataDir.resolve(COLLECTIONS).resolve(name);
    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    FileSync.directory(dir.getParent());
    Collection c = CollectionLoader.open(name, dir, snapshotDir(name), options);
    collections.put(name, c);
    return c;
  }

  private void removeDirectory(String name) {
    Path dir = dataDir.resolve(COLLECTIONS).resolve(name);
    Path trash = hidden("deleted", name);
    try {
      Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
      FileSync.directory(dir.getParent());
      Checkpoints.deleteTree(trash);
    } catch (IOException e) {
      throw StoreException.internal("deleting collection " + name + " failed: " + e.getMessage(), e);
    }
  }

  private Path hidden(String why, String name) {
    return dataDir.resolve(COLLECTIONS).resolve("." + why + "-" + name + "-" + System.nanoTime());
  }

  private void closeCollections() {
    RuntimeException first = null;
    for (Collection c : collections.values()) {
      try {
        c.close();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    collections.clear();
    if (first != null) {
      throw first;
    }
  }

  private static void closeWithoutCheckpoint(Collection c) {
    c.close(false);
  }

  private void checkOpen() {
    if (closed) {
      throw StoreException.conflict("database " + dataDir + " is closed");
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      Checkpoints.deleteTree(dir);
    } catch (IOException e) {
      // removed on the next open
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to release
      }
    }
  }
}
