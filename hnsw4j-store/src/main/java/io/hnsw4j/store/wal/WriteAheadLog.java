package io.hnsw4j.store.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An append-only log of operations in numbered segment files ({@code <first seq>.wal}, layout in
 * {@link WalRecords}). {@link #append} writes a record (no fsync); {@link #sync} makes every record
 * appended before it durable with one fsync, so writers that append while another syncs share the
 * next fsync (group commit: the caller batches). After a checkpoint {@link #startAfter} begins an
 * empty segment and deletes the old ones.
 *
 * <p>Thread safety: {@link #append}, {@link #sync} and {@link #startAfter} may be called from any
 * threads; appends are serialised, and sync runs beside appends.
 */
public final class WriteAheadLog implements AutoCloseable {
  private static final String SUFFIX = ".wal";

  private final Path dir;
  private FileChannel channel;
  private Path current;
  private long lastSeq;
  private volatile long durableSeq;
  private long bytes;
  private long syncs;
  private boolean syncing;

  private WriteAheadLog(Path dir, Path current, FileChannel channel, long lastSeq, long bytes) {
    this.dir = dir;
    this.current = current;
    this.channel = channel;
    this.lastSeq = lastSeq;
    this.durableSeq = lastSeq;
    this.bytes = bytes;
  }

  /** Receives the records replayed by {@link #open}. */
  @FunctionalInterface
  public interface Replay {
    void apply(long seq, byte[] body) throws IOException;
  }

  /**
   * Opens the log in {@code dir} (created if absent) and replays every record after
   * {@code checkpointSeq}, in order. A torn tail of the last segment is cut off; corruption
   * anywhere else, or records missing after the checkpoint, throws {@link WalCorruptException}.
   */
  public static WriteAheadLog open(Path dir, long checkpointSeq, Replay replay) throws IOException {
    Files.createDirectories(dir);
    List<Path> segments = segments(dir);
    long expected = -1;
    long last = -1;
    Path tail = null;
    long tailEnd = 0;
    for (int i = 0; i < segments.size(); i++) {
      Path segment = segments.get(i);
      boolean isLast = i == segments.size() - 1;
      long first = firstSeqOf(segment);
      if (expected < 0 && first > checkpointSeq + 1) {
        throw new WalCorruptException(segment, 0, "log starts at sequence " + first + " but the checkpoint ends at " + checkpointSeq);
      }
      long floor = checkpointSeq;
      WalReader.Result r =
          WalReader.read(segment, expected < 0 ? first : expected, isLast, (seq, body) -> {
            if (seq > floor) {
              replay.apply(seq, body);
            }
          });
      expected = r.lastSeq() + 1;
      last = r.lastSeq();
      tail = segment;
      tailEnd = r.end();
    }
    if (tail == null || last <= checkpointSeq) {
      // Nothing after the checkpoint (a crash may have stopped the rotation half way): start afresh.
      for (Path segment : segments) {
        Files.delete(segment);
      }
      return startSegment(dir, checkpointSeq, 0);
    }
    if (tailEnd < WalRecords.SEGMENT_HEADER) {
      // Even the header of the last segment was torn: start it again.
      Files.delete(tail);
      return startSegment(dir, last, totalSize(dir));
    }
    FileChannel ch = FileChannel.open(tail, StandardOpenOption.WRITE);
    if (ch.size() > tailEnd) {
      ch.truncate(tailEnd);
      ch.force(true);
    }
    ch.position(tailEnd);
    return new WriteAheadLog(dir, tail, ch, last, totalSize(dir));
  }

  private static WriteAheadLog startSegment(Path dir, long lastSeq, long otherBytes) throws IOException {
    Path file = dir.resolve(name(lastSeq + 1));
    FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    write(ch, WalRecords.segmentHeader(lastSeq + 1));
    ch.force(true);
    FileSync.directory(dir);
    return new WriteAheadLog(dir, file, ch, lastSeq, otherBytes + WalRecords.SEGMENT_HEADER);
  }

  /** Appends a record and returns its sequence number. Not durable until {@link #sync}. */
  public synchronized long append(byte[] body) throws IOException {
    long seq = lastSeq + 1;
    ByteBuffer record = WalRecords.record(seq, body);
    int length = record.remaining();
    write(channel, record);
    lastSeq = seq;
    bytes += length;
    return seq;
  }

  /**
   * Makes every record appended so far durable; returns the last durable sequence number. Callers
   * that arrive while an fsync is in flight wait for it, then one of them fsyncs for all.
   */
  public long sync() throws IOException {
    long target;
    FileChannel ch;
    synchronized (this) {
      long mine = lastSeq;
      while (syncing && durableSeq < mine) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while waiting for an fsync");
        }
      }
      if (durableSeq >= mine) {
        return durableSeq;
      }
      syncing = true;
      target = lastSeq;
      ch = channel;
      syncs++;
    }
    boolean done = false;
    try {
      ch.force(false);
      done = true;
    } finally {
      synchronized (this) {
        syncing = false;
        if (done && target > durableSeq) {
          durableSeq = target;
        }
        notifyAll();
      }
    }
    return target;
  }

  /**
   * Starts a new, empty segment after a checkpoint that covers every record ({@code seq} must be
   * the last appended), and deletes the older segments.
   */
  public synchronized void startAfter(long seq) throws IOException {
    if (seq != lastSeq) {
      throw new IllegalStateException("checkpoint at " + seq + " does not cover the log, which ends at " + lastSeq);
    }
    sync();
    // A checkpoint before the first record (a new collection closed unwritten) keeps the empty
    // segment that already starts at seq + 1.
    if (!current.equals(dir.resolve(name(seq + 1)))) {
      channel.close();
      WriteAheadLog fresh = startSegment(dir, seq, 0);
      channel = fresh.channel;
      current = fresh.current;
    }
    for (Path segment : segments(dir)) {
      if (!segment.equals(current)) {
        Files.delete(segment);
      }
    }
    FileSync.directory(dir);
    bytes = totalSize(dir);
  }

  /** The sequence number of the last record appended (durable or not). */
  public synchronized long lastSeq() {
    return lastSeq;
  }

  /** The sequence number of the last record made durable by {@link #sync}. */
  public long durableSeq() {
    return durableSeq;
  }

  /** Bytes in all segment files. */
  public synchronized long sizeBytes() {
    return bytes;
  }

  /** fsyncs done by {@link #sync} (for tests and metrics: fewer than appends under group commit). */
  public synchronized long syncCount() {
    return syncs;
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  private static void write(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static String name(long firstSeq) {
    return String.format("%020d%s", firstSeq, SUFFIX);
  }

  private static long firstSeqOf(Path segment) throws WalCorruptException {
    String n = segment.getFileName().toString();
    try {
      return Long.parseLong(n.substring(0, n.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      throw new WalCorruptException(segment, 0, "segment name is not a sequence number");
    }
  }

  private static List<Path> segments(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList());
    }
  }

  private static long totalSize(Path dir) throws IOException {
    long total = 0;
    for (Path p : segments(dir)) {
      total += Files.size(p);
    }
    return total;
  }
}
