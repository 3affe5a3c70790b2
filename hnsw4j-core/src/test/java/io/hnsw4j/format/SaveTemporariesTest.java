package io.hnsw4j.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.graph.ForwardingGraph;
import io.hnsw4j.graph.GraphView;
import io.hnsw4j.testutil.TestData;
import io.hnsw4j.vector.VectorMetric;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save never leaves its temporary file behind when it fails, and the next save of a target
 * deletes the temporaries that killed saves left, but never one that a save in progress holds.
 */
class SaveTemporariesTest {
  private static final int DIM = 8;
  static HnswIndex index;
  @TempDir Path dir;

  @BeforeAll
  static void build() {
    index = HnswIndex.create(IndexConfig.builder(DIM).m(4).build());
    index.addAll(TestData.sequentialIds(300), TestData.uniform(300, DIM, 5), 1);
  }

  @AfterAll
  static void close() {
    index.close();
  }

  private List<String> temporaries() throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(name -> name.contains(".tmp-")).sorted().toList();
    }
  }

  private static void assertSound(Path file, int size) throws IOException {
    assertNull(IndexFile.verify(file));
    try (HnswIndex reopened = HnswIndex.open(file)) {
      assertEquals(size, reopened.size());
    }
  }

  /** The parts of a saved index, to write again through a graph view that misbehaves. */
  private HeapParts saved() throws IOException {
    Path file = dir.resolve("source.hnsw");
    index.save(file);
    return IndexFile.readHeap(file, config -> new VectorMetric(VectorMetric.Kind.L2, "l2", null));
  }

  @Test
  void aFailedRenameDeletesTheTemporary() throws IOException {
    HeapParts parts = saved();
    Path target = dir.resolve("target.hnsw");
    // Another process makes a directory of the target while the save writes: the rename fails.
    GraphView sabotaged = new ForwardingGraph(parts.graph()) {
      @Override
      public int neighbors(int node, int level, int[] dest) {
        if (!Files.exists(target)) {
          try {
            Files.createDirectories(target.resolve("inside"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return super.neighbors(node, level, dest);
      }
    };
    FileSystemException e = assertThrows(FileSystemException.class,
        () -> IndexFile.write(target, parts.config(), sabotaged, parts.vectors(), parts.ids(), parts.rotation(), null,
            io.hnsw4j.graph.Renumbering.IDENTITY));
    assertTrue(e.getMessage().contains(target + ": is a directory, not an index file"), e.getMessage());
    assertEquals(List.of(), temporaries());
  }

  @Test
  void aFailedWriteDeletesTheTemporary() throws IOException {
    HeapParts parts = saved();
    Path target = dir.resolve("target.hnsw");
    GraphView failing = new ForwardingGraph(parts.graph()) {
      @Override
      public int neighbors(int node, int level, int[] dest) {
        throw new UncheckedIOException(new IOException("disk full (simulated)"));
      }
    };
    assertThrows(UncheckedIOException.class,
        () -> IndexFile.write(target, parts.config(), failing, parts.vectors(), parts.ids(), parts.rotation(), null,
            io.hnsw4j.graph.Renumbering.IDENTITY));
    assertEquals(List.of(), temporaries());
    assertTrue(Files.notExists(target));
  }

  @Test
  void leftoverTemporariesAreDeletedByTheNextSave() throws IOException {
    Path target = dir.resolve("t.hnsw");
    for (String name : List.of("t.hnsw.tmp-1a2b", "t.hnsw.tmp-0123456789abcdef", "t.hnsw.tmp-notes.txt",
        "other.hnsw.tmp-1234", "t.hnsw.tmp-")) {
      Files.writeString(dir.resolve(name), "left by a killed save");
    }
    index.save(target);
    // Only the temporaries of this target, by their exact pattern, go.
    assertEquals(List.of("other.hnsw.tmp-1234", "t.hnsw.tmp-", "t.hnsw.tmp-notes.txt"), temporaries());
    assertSound(target, 300);
  }

  @Test
  @Timeout(60)
  void aTemporaryLockedByAnotherProcessIsLeftAlone() throws Exception {
    Path target = dir.resolve("t.hnsw");
    Path held = dir.resolve("t.hnsw.tmp-00000000000000aa");
    Process child = SaveChild.start("hold", held.toString());
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("locked", out.readLine());
      index.save(target);
      assertEquals(List.of(held.getFileName().toString()), temporaries());
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    index.save(target); // its holder is gone: now it is stale
    assertEquals(List.of(), temporaries());
  }

  @Test
  void aTemporaryLockedInThisJvmIsLeftAlone() throws IOException {
    Path target = dir.resolve("t.hnsw");
    Path held = dir.resolve("t.hnsw.tmp-00000000000000bb");
    try (FileChannel channel = FileChannel.open(held, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      channel.lock();
      index.save(target);
      assertEquals(List.of(held.getFileName().toString()), temporaries());
    }
    index.save(target);
    assertEquals(List.of(), temporaries());
  }

  /** Two saves of one target at once: each one's clean-up must leave the other's temporary be. */
  @Test
  @Timeout(120)
  void concurrentSavesOfOneTargetBothSucceed() throws Exception {
    Path target = dir.resolve("t.hnsw");
    try (HnswIndex other = HnswIndex.create(IndexConfig.builder(DIM).m(4).build())) {
      other.addAll(TestData.sequentialIds(50), TestData.uniform(50, DIM, 6), 1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<?> a = pool.submit(() -> saveRepeatedly(index, target));
        Future<?> b = pool.submit(() -> saveRepeatedly(other, target));
        a.get();
        b.get();
      } finally {
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
      }
    }
    assertEquals(List.of(), temporaries());
    assertNull(IndexFile.verify(target));
  }

  private static Void saveRepeatedly(HnswIndex source, Path target) throws IOException {
    for (int i = 0; i < 30; i++) {
      source.save(target);
    }
    return null;
  }

  /**
   * A JVM killed with SIGKILL while it saves: the target is the old file or the new one, never a
   * broken one, and the temporary it leaves is deleted by the next save.
   */
  @Test
  @Timeout(120)
  void aSaveKilledOutrightLeavesASoundTargetAndAStaleTemporary() throws Exception {
    Path target = dir.resolve("big.hnsw");
    boolean sawStale = false;
    for (int attempt = 0; attempt < 5 && !sawStale; attempt++) {
      Process child = SaveChild.start("save-loop", target.toString(), "3000", "256");
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        assertEquals("ready", out.readLine());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (temporaries().isEmpty() && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
      } finally {
        child.destroyForcibly(); // SIGKILL on POSIX systems
        child.waitFor();
      }
      sawStale = !temporaries().isEmpty();
      if (Files.exists(target)) {
        assertSound(target, 3000);
      }
      index.save(target);
      assertEquals(List.of(), temporaries(), "attempt " + attempt);
      assertSound(target, 300);
      Files.delete(target);
    }
    assertTrue(sawStale, "no kill landed while a temporary existed in 5 attempts");
  }
}
