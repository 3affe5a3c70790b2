package io.hnsw4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;

/**
 * The shard files of a model, {@code DIR/shards/shard-NNNNN.EXT}, on any Hadoop file system. Tasks
 * write and read shards through it: on the local file system in place; elsewhere (HDFS, S3...)
 * through a local file, since hnsw4j writes and maps local files. A shard read from a remote file
 * system is copied once per executor and kept in a temporary folder until the JVM exits.
 */
final class ShardStore implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Local copies of remote shards, by URI, length and modification time. */
  private static final Map<String, java.nio.file.Path> LOCAL_COPIES = new ConcurrentHashMap<>();
  private static java.nio.file.Path localCopyDir;

  /** What a task does with a local file. */
  @FunctionalInterface
  interface FileAction<T> {
    T apply(java.nio.file.Path file) throws IOException;
  }

  private final String directory;
  private final ShardKind kind;
  private final HadoopConf conf;

  private ShardStore(String directory, ShardKind kind, HadoopConf conf) {
    this.directory = directory;
    this.kind = kind;
    this.conf = conf;
  }

  /** The store of a model in {@code directory} (qualified against the default file system). */
  static ShardStore at(String directory, ShardKind kind, Configuration conf) {
    try {
      Path dir = new Path(directory);
      String qualified = dir.getFileSystem(conf).makeQualified(dir).toString();
      return new ShardStore(qualified, kind, new HadoopConf(conf));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the file system of " + directory, e);
    }
  }

  /** A new local folder for a model fitted without a path (local mode), deleted when the JVM exits. */
  static String temporaryDirectory() {
    try {
      java.nio.file.Path dir = Files.createTempDirectory("hnsw4j-spark-model-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
      return dir.toUri().toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the shards", e);
    }
  }

  /** The model directory, as a qualified URI. */
  String directory() {
    return directory;
  }

  ShardKind kind() {
    return kind;
  }

  Configuration hadoopConf() {
    return conf.get();
  }

  Path shardPath(int shard) {
    return new Path(new Path(directory, "shards"), String.format(Locale.ROOT, "shard-%05d.%s", shard, kind.fileExtension()));
  }

  /** Whether the directory already holds shards (of any model). */
  boolean hasShards() throws IOException {
    Path shards = new Path(directory, "shards");
    return shards.getFileSystem(conf.get()).exists(shards);
  }

  /** Whether both stores name the same directory. */
  boolean sameDirectory(ShardStore other) {
    return directory.equals(other.directory);
  }

  /** Lets {@code writer} write shard {@code shard} into a local file, then puts it in place. */
  void write(int shard, FileAction<Void> writer) throws IOException {
    Path target = shardPath(shard);
    FileSystem fs = target.getFileSystem(conf.get());
    if (isLocal(fs)) {
      java.nio.file.Path local = java.nio.file.Path.of(target.toUri());
      Files.createDirectories(local.getParent());
      writer.apply(local);
      return;
    }
    java.nio.file.Path temp = Files.createTempFile("hnsw4j-shard-", "." + kind.fileExtension());
    try {
      writer.apply(temp);
      fs.copyFromLocalFile(true, true, new Path(temp.toUri()), target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Runs {@code reader} on a local file holding shard {@code shard}. */
  <T> T read(int shard, FileAction<T> reader) throws IOException {
    Path source = shardPath(shard);
    FileSystem fs = source.getFileSystem(conf.get());
    if (isLocal(fs)) {
      return reader.apply(java.nio.file.Path.of(source.toUri()));
    }
    FileStatus status = fs.getFileStatus(source);
    String key = source + "@" + status.getLen() + ":" + status.getModificationTime();
    java.nio.file.Path local;
    try {
      local = LOCAL_COPIES.computeIfAbsent(key, k -> copyToLocal(fs, source));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return reader.apply(local);
  }

  /** Copies shard {@code shard} into another store (another model directory). */
  void copyShardTo(int shard, ShardStore target) throws IOException {
    Path from = shardPath(shard);
    Path to = target.shardPath(shard);
    FileSystem fromFs = from.getFileSystem(conf.get());
    FileSystem toFs = to.getFileSystem(target.conf.get());
    if (!FileUtil.copy(fromFs, from, toFs, to, false, true, target.conf.get())) {
      throw new IOException("could not copy " + from + " to " + to);
    }
  }

  private static boolean isLocal(FileSystem fs) {
    return "file".equals(fs.getUri().getScheme());
  }

  private static java.nio.file.Path copyToLocal(FileSystem fs, Path source) {
    try {
      java.nio.file.Path dir = localCopyDir();
      java.nio.file.Path partial = Files.createTempFile(dir, "partial-", ".tmp");
      Files.delete(partial);
      fs.copyToLocalFile(false, source, new Path(partial.toUri()), true);
      java.nio.file.Path local = Files.createTempFile(dir, "shard-", "." + source.getName());
      Files.move(partial, local, StandardCopyOption.REPLACE_EXISTING);
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized java.nio.file.Path localCopyDir() throws IOException {
    if (localCopyDir == null) {
      java.nio.file.Path dir = Files.createTempDirectory("hnsw4j-spark-shards-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
      localCopyDir = dir;
    }
    return localCopyDir;
  }

  private static void deleteQuietly(java.nio.file.Path dir) {
    try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort at exit: a leftover temporary folder is harmless.
    }
  }
}
