package io.hnsw4j.store.wal;

import static io.hnsw4j.store.TestFiles.flip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log's records survive reopening; a torn tail is cut; corruption before the tail is an error. */
class WriteAheadLogTest {
  @TempDir Path dir;

  private static byte[] body(int i) {
    return ("record " + i + " " + "x".repeat(i % 7)).getBytes(StandardCharsets.UTF_8);
  }

  /** Opens the log after {@code checkpoint}, collecting replayed records. */
  private static WriteAheadLog open(Path dir, long checkpoint, List<String> replayed) throws IOException {
    return WriteAheadLog.open(dir, checkpoint, (seq, b) -> replayed.add(seq + ":" + new String(b, StandardCharsets.UTF_8)));
  }

  private Path segment() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> all = s.sorted().toList();
      return all.getLast();
    }
  }

  private void write(int n) throws IOException {
    try (WriteAheadLog wal = open(dir, 0, new ArrayList<>())) {
      for (int i = 1; i <= n; i++) {
        assertEquals(i, wal.append(body(i)));
      }
      assertEquals(n, wal.sync());
    }
  }

  private static List<String> expected(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add(i + ":" + new String(body(i), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void replaysEveryRecordAfterTheCheckpointInOrder() throws IOException {
    write(5);
    List<String> all = new ArrayList<>();
    open(dir, 0, all).close();
    assertEquals(expected(1, 5), all);
    List<String> after = new ArrayList<>();
    try (WriteAheadLog wal = open(dir, 3, after)) {
      assertEquals(5, wal.lastSeq());
      assertEquals(6, wal.append(body(6)));
    }
    assertEquals(expected(4, 5), after);
  }

  @Test
  void tornTailIsCutAndAppendingGoesOn() throws IOException {
    write(4);
    Path seg = segment();
    long full = Files.size(seg);
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      f.setLength(full - 5); // the last record loses its end
    }
    List<String> replayed = new ArrayList<>();
    try (WriteAheadLog wal = open(dir, 0, replayed)) {
      assertEquals(3, wal.lastSeq());
      assertEquals(4, wal.append(body(40)));
      wal.sync();
    }
    assertEquals(expected(1, 3), replayed);
    List<String> again = new ArrayList<>();
    open(dir, 0, again).close();
    assertEquals(4, again.size());
    assertEquals("4:" + new String(body(40), StandardCharsets.UTF_8), again.getLast());
  }

  @Test
  void zerosOrAHalfRecordHeaderAfterTheLastRecordAreATornTail() throws IOException {
    write(3);
    Files.write(segment(), new byte[] {0, 0, 0, 0, 0, 0, 0}, java.nio.file.StandardOpenOption.APPEND);
    List<String> replayed = new ArrayList<>();
    open(dir, 0, replayed).close();
    assertEquals(expected(1, 3), replayed);
  }

  @Test
  void aDamagedLastRecordIsATornTail() throws IOException {
    write(3);
    Path seg = segment();
    flip(seg, Files.size(seg) - 2);
    List<String> replayed = new ArrayList<>();
    open(dir, 0, replayed).close();
    assertEquals(expected(1, 2), replayed);
  }

  @Test
  void aDamagedRecordWithGoodRecordsAfterItIsAnErrorNamingFileAndOffset() throws IOException {
    write(5);
    Path seg = segment();
    long second = WalRecords.SEGMENT_HEADER + WalRecords.RECORD_HEADER + body(1).length;
    flip(seg, second + WalRecords.RECORD_HEADER + 3); // a byte of record 2's body
    WalCorruptException e = assertThrows(WalCorruptException.class, () -> open(dir, 0, new ArrayList<>()));
    assertEquals(seg, e.file());
    assertEquals(second, e.offset());
    assertTrue(e.getMessage().contains(seg.toString()) && e.getMessage().contains("offset " + second), e.getMessage());
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
  }

  @Test
  void aMissingSegmentIsAnError() throws IOException {
    write(3);
    Path seg = segment();
    Files.copy(seg, dir.resolve(String.format("%020d.wal", 9)));
    WalCorruptException e = assertThrows(WalCorruptException.class, () -> open(dir, 0, new ArrayList<>()));
    assertTrue(e.getMessage().contains("segment starts at sequence 1, expected 4"), e.getMessage());
  }

  @Test
  void aLogThatStartsAfterTheCheckpointIsAnError() throws IOException {
    write(3);
    Files.move(segment(), dir.resolve(String.format("%020d.wal", 7)));
    WalCorruptException e = assertThrows(WalCorruptException.class, () -> open(dir, 0, new ArrayList<>()));
    assertTrue(e.getMessage().contains("log starts at sequence 7 but the checkpoint ends at 0"), e.getMessage());
  }

  @Test
  void aCheckpointBeforeTheFirstRecordKeepsTheEmptySegment() throws IOException {
    try (WriteAheadLog wal = open(dir, 0, new ArrayList<>())) {
      wal.startAfter(0);
      assertEquals(WalRecords.SEGMENT_HEADER, wal.sizeBytes());
      assertEquals(1, wal.append(body(1)));
      wal.sync();
    }
    List<String> replayed = new ArrayList<>();
    open(dir, 0, replayed).close();
    assertEquals(expected(1, 1), replayed);
  }

  @Test
  void startingAfterACheckpointLeavesOneEmptySegment() throws IOException {
    try (WriteAheadLog wal = open(dir, 0, new ArrayList<>())) {
      for (int i = 1; i <= 3; i++) {
        wal.append(body(i));
      }
      wal.startAfter(3);
      assertEquals(WalRecords.SEGMENT_HEADER, wal.sizeBytes());
      assertEquals(4, wal.append(body(4)));
      wal.sync();
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(String.format("%020d.wal", 4)), s.map(p -> p.getFileName().toString()).toList());
    }
    List<String> replayed = new ArrayList<>();
    open(dir, 3, replayed).close();
    assertEquals(expected(4, 4), replayed);
  }

  @Test
  void concurrentWritersShareFsyncs() throws Exception {
    int threads = 8;
    int each = 40;
    try (WriteAheadLog wal = open(dir, 0, new ArrayList<>())) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            long seq = wal.append(body(i));
            assertTrue(wal.sync() >= seq);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertEquals(threads * each, wal.lastSeq());
      assertTrue(wal.syncCount() < threads * each, "fsyncs " + wal.syncCount() + " for " + threads * each + " appends");
    }
    List<String> replayed = new ArrayList<>();
    open(dir, 0, replayed).close();
    assertEquals(threads * each, replayed.size());
  }
}
