package io.hnsw4j.format;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The temporary file a save writes before renaming it over the target: {@code
 * <target-name>.tmp-<16 hex digits>} in the target's directory. The save holds an exclusive lock
 * on it from just after its creation until after the rename, so a temporary of that name whose
 * lock can be taken was left by a save that died (kill -9, a crash, a power cut);
 * {@link #deleteStale} removes those. A failed save deletes its own temporary.
 */
final class TemporaryFile implements AutoCloseable {
  private static final int ATTEMPTS = 8;
  /**
   * Temporaries this JVM is writing. A clean-up never opens them: on POSIX systems closing any
   * channel of a file drops every lock this process holds on it, the save's included.
   */
  private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

  private final Path path;
  private final FileChannel channel;
  private boolean moved;

  private TemporaryFile(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /** Creates and locks a new temporary beside {@code target} (an absolute path). */
  static TemporaryFile create(Path target) throws IOException {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Path temp = target.resolveSibling(
          target.getFileName() + ".tmp-" + String.format("%016x", ThreadLocalRandom.current().nextLong()));
      WRITING.add(temp);
      FileChannel channel;
      try {
        channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        WRITING.remove(temp);
        continue;
      } catch (IOException | RuntimeException e) {
        WRITING.remove(temp);
        throw e;
      }
      TemporaryFile file = new TemporaryFile(temp, channel);
      try {
        lockIfSupported(channel);
        // Another process's clean-up may have found the file unlocked between its creation and
        // the lock above, and deleted it: then start again under a new name.
        if (Files.exists(temp)) {
          return file;
        }
        file.close();
      } catch (IOException | RuntimeException e) {
        file.close();
        throw e;
      }
    }
    throw new IOException("could not create a temporary file beside " + target + " in " + ATTEMPTS + " attempts");
  }

  private static void lockIfSupported(FileChannel channel) throws IOException {
    try {
      channel.lock();
    } catch (OverlappingFileLockException e) {
      throw new IllegalStateException("a new temporary file is locked already", e);
    } catch (IOException e) {
      if (!channel.isOpen()) {
        throw e;
      }
      // The file system cannot lock (some network file systems): save without one. Clean-ups
      // cannot take locks there either, so they leave every temporary alone.
    }
  }

  Path path() {
    return path;
  }

  FileChannel channel() {
    return channel;
  }

  /** Renames the (fully written) temporary over {@code target}, still holding its lock. */
  void moveTo(Path target) throws IOException {
    try {
      Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
    }
    moved = true;
  }

  /** Releases the lock; deletes the temporary unless it was moved over the target. */
  @Override
  public void close() throws IOException {
    try {
      channel.close();
      if (!moved) {
        Files.deleteIfExists(path);
      }
    } finally {
      WRITING.remove(path);
    }
  }

  /**
   * Deletes the temporaries of {@code target} (an absolute path) that no save holds: each one
   * whose lock can be taken. Best effort: one that cannot be opened or deleted stays.
   */
  static void deleteStale(Path target) {
    Pattern name = Pattern.compile(Pattern.quote(target.getFileName().toString()) + "\\.tmp-[0-9a-f]{1,16}");
    try (DirectoryStream<Path> siblings =
        Files.newDirectoryStream(target.getParent(), p -> name.matcher(p.getFileName().toString()).matches())) {
      for (Path sibling : siblings) {
        if (!WRITING.contains(sibling)) {
          deleteIfUnlocked(sibling);
        }
      }
    } catch (IOException e) {
      // The directory cannot be listed: the save itself will say what is wrong.
    }
  }

  private static void deleteIfUnlocked(Path temp) {
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        Files.deleteIfExists(temp);
      }
    } catch (OverlappingFileLockException e) {
      // Locked by this JVM: a save in progress.
    } catch (IOException e) {
      // Gone meanwhile, or not ours to open: leave it.
    }
  }
}
