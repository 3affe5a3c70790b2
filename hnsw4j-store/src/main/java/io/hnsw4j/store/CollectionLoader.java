package io.hnsw4j.store;

import io.hnsw4j.CorruptIndexException;
import io.hnsw4j.HnswIndex;
import io.hnsw4j.OpenOptions;
import io.hnsw4j.store.model.CollectionConfig;
import io.hnsw4j.store.model.Distance;
import io.hnsw4j.store.model.StoreException;
import io.hnsw4j.store.ops.OperationCodec;
import io.hnsw4j.store.storage.Checkpoints;
import io.hnsw4j.store.storage.ConfigFile;
import io.hnsw4j.store.storage.Manifest;
import io.hnsw4j.store.storage.PointsFile;
import io.hnsw4j.store.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a collection directory: its config, the checkpoint its manifest names (graph index and
 * points file, checked against each other), then the write-ahead log replayed over it. A crash
 * at any moment leaves a directory this opens to exactly the writes that were acknowledged, and
 * perhaps some that were logged but not yet acknowledged.
 */
final class CollectionLoader {
  static final String WAL_DIR = "wal";

  private CollectionLoader() {}

  static Collection open(String name, Path dir, Path snapshotDir, StoreOptions options) {
    HnswIndex index = null;
    WriteAheadLog wal = null;
    try {
      CollectionConfig config = ConfigFile.read(dir);
      Manifest manifest = Manifest.read(dir);
      PointsFile.Contents contents = null;
      if (manifest == null) {
        Checkpoints.removeOthers(dir, "");
        index = HnswIndex.create(config.indexConfig());
      } else {
        Path checkpoint = Checkpoints.locate(dir, manifest);
        Checkpoints.removeOthers(dir, manifest.checkpoint());
        index = openIndex(checkpoint.resolve(Checkpoints.INDEX), config);
        contents = PointsFile.read(checkpoint.resolve(PointsFile.NAME));
        check(contents, manifest, index, checkpoint);
      }
      CollectionState state = new CollectionState(config, index, options.indexThreads());
      if (contents != null) {
        state.load(contents);
      }
      wal = WriteAheadLog.open(dir.resolve(WAL_DIR), state.appliedSeq(), (seq, body) -> replay(state, seq, body));
      WriteAheadLog log = wal;
      UpdateWorker worker = new UpdateWorker(name, wal, state, options, manifest, () -> {
        long seq = state.appliedSeq();
        Manifest written = Checkpoints.write(dir, seq, state.index::save, state.checkpointData());
        log.startAfter(seq);
        return written;
      });
      worker.start();
      return new Collection(name, state, worker, wal, new Snapshots(name, dir, snapshotDir), options);
    } catch (IOException | RuntimeException e) {
      closeQuietly(index, wal);
      if (e instanceof StoreException s && s.kind() != StoreException.Kind.INTERNAL) {
        throw s;
      }
      throw StoreException.internal("collection " + name + " cannot be opened: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(HnswIndex index, WriteAheadLog wal) {
    try {
      if (wal != null) {
        wal.close();
      }
    } catch (IOException | RuntimeException e) {
      // already failing; the first error is the one reported
    }
    if (index != null) {
      index.close();
    }
  }

  private static void replay(CollectionState state, long seq, byte[] body) throws IOException {
    try {
      state.apply(seq, OperationCodec.decode(body));
    } catch (StoreException e) {
      if (e.kind() == StoreException.Kind.INTERNAL) {
        throw e;
      }
      // It failed the same way when it was first applied; it changed nothing then either.
    }
  }

  private static HnswIndex openIndex(Path file, CollectionConfig config) throws IOException {
    OpenOptions options = OpenOptions.DEFAULT;
    if (config.distance() == Distance.MANHATTAN) {
      options = options.withCustomMetric(Distance.MANHATTAN.metric());
    }
    HnswIndex index = HnswIndex.open(file, options);
    if (index.dimension() != config.size() || !index.metric().name().equals(config.distance().metric().name())) {
      index.close();
      throw new CorruptIndexException(file, "holds " + index.dimension() + "-d " + index.metric() + " vectors; the collection is "
          + config.size() + "-d " + config.distance().qdrantName());
    }
    return index;
  }

  private static void check(PointsFile.Contents contents, Manifest manifest, HnswIndex index, Path checkpoint) throws IOException {
    if (contents.walSeq() != manifest.walSeq()) {
      throw new IOException(checkpoint + ": points file is at operation " + contents.walSeq() + ", the manifest at " + manifest.walSeq());
    }
    if (index.size() != contents.points().size()) {
      throw new IOException(checkpoint + ": the index holds " + index.size() + " vectors but the points file " + contents.points().size() + " points");
    }
    for (PointsFile.Entry e : contents.points()) {
      if (!index.contains(e.point())) {
        throw new IOException(checkpoint + ": point " + e.id() + " (number " + e.point() + ") has no vector in the index");
      }
    }
  }
}
