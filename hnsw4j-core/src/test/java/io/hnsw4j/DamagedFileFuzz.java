package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hnsw4j.format.IndexFile;
import io.hnsw4j.testutil.IndexBytes;
import io.hnsw4j.testutil.MixedIndex;
import io.hnsw4j.testutil.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded single-byte damage to an index file, with the checksums recomputed so that the damage
 * looks sound: a memory-mapped open (which does not read the payload checksum) and a heap open
 * must each either refuse the file with a {@link CorruptIndexException} naming it, or serve
 * exactly the original index. Searches use ef above the node count, which makes them exhaustive:
 * a changed link that keeps every node reachable cannot change their answer. Two kinds of damage
 * leave a file that is sound in every way but says something else, which only the payload
 * checksum can catch: a changed metric code, and a live node's id changed to one the id table
 * still finds; those must serve that other index consistently. Each subclass gives the index (and
 * so the format version) and the sections to damage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DamagedFileFuzz {
  static final long SEED = 20_251_201L;
  static final int N = 400;
  static final int DIM = 8;
  private static final int K = 10;
  private static final List<OpenOptions> OPENS = List.of(OpenOptions.MEMORY_MAPPED, OpenOptions.DEFAULT);

  Path dir;
  HnswIndex original;
  byte[] sound;
  int headerLength;
  float[][] queries;
  List<List<SearchResult>> expected;
  int ef;
  long[] liveIds;
  List<Long> removedIds;

  /** The index to save and damage: a {@link MixedIndex} of N vectors of DIM under SEED. */
  abstract HnswIndex build();

  /** The sections whose bytes {@link #structuralDamageIsRefusedOrHarmless} flips. */
  abstract int[] damagedSections();

  /** Flips in each of those sections. */
  abstract int flipsPerSection();

  @BeforeAll
  void saveOriginal(@TempDir Path tempDir) throws IOException {
    dir = tempDir;
    original = build();
    Path file = dir.resolve("sound.hnsw");
    original.save(file);
    sound = Files.readAllBytes(file);
    headerLength = new IndexBytes(sound).headerLength();
    ef = original.statistics().nodes() + 1;
    queries = TestData.uniform(20, DIM, SEED + 7);
    expected = new ArrayList<>();
    for (float[] q : queries) {
      expected.add(original.search(q, K, ef));
    }
    liveIds = original.ids().sorted().toArray();
    removedIds = IntStream.range(0, N).filter(id -> id % 5 == 0 || id % 7 == 1).mapToObj(id -> (long) id).toList();
    for (OpenOptions options : OPENS) {
      try (HnswIndex reopened = HnswIndex.open(file, options)) {
        assertServesTheOriginal(reopened, "the sound file");
      }
    }
  }

  @AfterAll
  void close() {
    original.close();
  }

  @Test
  void structuralDamageIsRefusedOrHarmless() throws IOException {
    Random random = new Random(SEED);
    IndexBytes layout = new IndexBytes(sound);
    int[] refused = new int[2];
    int opens = 0;
    for (int section : damagedSections()) {
      long offset = layout.sectionOffset(section);
      long length = layout.sectionLength(section);
      assertTrue(length > 0, "section " + section + " is empty");
      for (int i = 0; i < flipsPerSection(); i++) {
        int at = (int) (offset + random.nextInt((int) length));
        byte[] damaged = flip(sound, at, random);
        new IndexBytes(damaged).resealFooter();
        opens += 2;
        countRefusals(refused, openBothWays(damaged, "section " + section + " byte " + at));
      }
    }
    // Every header byte before its checksum, once.
    for (int at = 0; at < headerLength - 4; at++) {
      byte[] damaged = flip(sound, at, random);
      new IndexBytes(damaged).reseal(headerLength);
      opens += 2;
      countRefusals(refused, openBothWays(damaged, "header byte " + at));
    }
    System.out.printf("structural damage: %d opens, mapped refused %d, heap refused %d%n", opens, refused[0], refused[1]);
    // Most single-byte damage to the structure is detectable; a sanity floor, not a quota.
    assertTrue(refused[0] > opens / 4, "mapped opens refused only " + refused[0] + " of " + opens / 2);
  }

  @Test
  void vectorDamageNeverServesForeignIds() throws IOException {
    Random random = new Random(SEED + 1);
    IndexBytes layout = new IndexBytes(sound);
    long offset = layout.sectionOffset(IndexBytes.SECTION_VECTORS);
    long length = layout.sectionLength(IndexBytes.SECTION_VECTORS);
    Path file = dir.resolve("vectors.hnsw");
    for (int i = 0; i < 40; i++) {
      int at = (int) (offset + random.nextInt((int) length));
      byte[] damaged = flip(sound, at, random);
      // Without a recomputed checksum: both full checks refuse it.
      Files.write(file, damaged);
      assertNotNull(IndexFile.verify(file));
      for (OpenOptions options : List.of(OpenOptions.DEFAULT, OpenOptions.MEMORY_MAPPED.withVerifyChecksum(true))) {
        CorruptIndexException e = assertThrows(CorruptIndexException.class, () -> HnswIndex.open(file, options).close());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("checksum"), e.getMessage());
      }
      // With it: nothing structural to find, but a search still returns only the index's ids.
      Files.write(file, new IndexBytes(damaged).resealFooter().bytes());
      for (OpenOptions options : OPENS) {
        try (HnswIndex reopened = HnswIndex.open(file, options)) {
          assertEquals(liveIds.length, reopened.size());
          for (float[] q : queries) {
            List<SearchResult> hits = reopened.search(q, K, ef);
            assertEquals(K, hits.size(), "byte " + at);
            for (SearchResult hit : hits) {
              assertTrue(original.contains(hit.id()), "byte " + at + ": id " + hit.id() + " is not in the index");
            }
          }
        } catch (CorruptIndexException e) {
          assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
      }
    }
  }

  static byte[] flip(byte[] bytes, int at, Random random) {
    byte[] damaged = bytes.clone();
    damaged[at] ^= (byte) (1 + random.nextInt(255));
    return damaged;
  }

  private static void countRefusals(int[] refused, boolean[] refusals) {
    for (int i = 0; i < refused.length; i++) {
      refused[i] += refusals[i] ? 1 : 0;
    }
  }

  /** Opens mapped, then onto the heap; returns which refused. */
  boolean[] openBothWays(byte[] damaged, String what) throws IOException {
    Path file = dir.resolve("damaged.hnsw");
    Files.write(file, damaged);
    boolean[] refused = new boolean[OPENS.size()];
    for (int i = 0; i < OPENS.size(); i++) {
      OpenOptions options = OPENS.get(i);
      String label = what + (options.memoryMapped() ? " (mapped)" : " (heap)");
      try (HnswIndex reopened = HnswIndex.open(file, options)) {
        if (reopened.metric().equals(original.metric())) {
          assertServesTheOriginal(reopened, label);
        } else {
          assertServesAsTheHeapDoes(reopened, file, label);
        }
      } catch (CorruptIndexException e) {
        assertTrue(e.getMessage().startsWith(file + ": "), label + ": " + e.getMessage());
        refused[i] = true;
      } catch (RuntimeException e) {
        fail(label + ": " + e, e);
      }
    }
    return refused;
  }

  private void assertServesTheOriginal(HnswIndex reopened, String label) {
    long[] ids = reopened.ids().sorted().toArray();
    assertEquals(liveIds.length, reopened.size(), label);
    assertEquals(liveIds.length, ids.length, label);
    for (long id : ids) {
      assertTrue(reopened.contains(id), label + ": listed id " + id);
    }
    Map<Long, Long> renamed = renamed(ids, label);
    for (long id : liveIds) {
      long now = renamed.getOrDefault(id, id);
      assertTrue(reopened.contains(now), label + ": id " + id);
      assertArrayEquals(original.vector(id), reopened.vector(now), label + ": id " + id);
    }
    for (long id : removedIds) {
      assertFalse(reopened.contains(id), label + ": removed id " + id);
    }
    for (int q = 0; q < queries.length; q++) {
      List<SearchResult> want = expected.get(q).stream()
          .map(r -> new SearchResult(renamed.getOrDefault(r.id(), r.id()), r.distance())).toList();
      assertEquals(want, reopened.search(queries[q], K, ef), label + ": query " + q);
    }
  }

  /**
   * Damage to a live node's stored id can leave a file that is sound in every way, only holding
   * another id (one that the id table finds where it is): no structure can tell it from an index
   * built that way. It must rename exactly that one vector; returns old id to new.
   */
  private Map<Long, Long> renamed(long[] ids, String label) {
    Set<Long> gone = new HashSet<>();
    for (long id : liveIds) {
      gone.add(id);
    }
    Set<Long> added = new HashSet<>();
    for (long id : ids) {
      if (!gone.remove(id)) {
        added.add(id);
      }
    }
    if (gone.isEmpty()) {
      return Map.of();
    }
    assertTrue(label.startsWith("section " + IndexBytes.SECTION_IDS + " "), label + ": ids changed " + gone + " -> " + added);
    assertEquals(1, gone.size(), label + ": ids changed " + gone + " -> " + added);
    return Map.of(gone.iterator().next(), added.iterator().next());
  }

  /**
   * The damage changed the metric code, which no structure can contradict: the index must say so
   * and answer as the same file read onto the heap does, with the same ids and vectors.
   */
  private void assertServesAsTheHeapDoes(HnswIndex reopened, Path file, String label) throws IOException {
    assertFalse(reopened.metric().equals(original.metric()), label);
    assertArrayEquals(liveIds, reopened.ids().sorted().toArray(), label);
    try (HnswIndex heap = HnswIndex.open(file)) {
      for (float[] q : queries) {
        assertEquals(ids(heap.search(q, K, ef)), ids(reopened.search(q, K, ef)), label);
      }
    }
  }

  private static List<Long> ids(List<SearchResult> results) {
    return results.stream().map(SearchResult::id).toList();
  }
}
