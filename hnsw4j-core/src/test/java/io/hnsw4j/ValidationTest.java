package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad arguments throw IllegalArgumentException naming the problem and change nothing. */
class ValidationTest {

  private static void assertRejected(Executable call, String... expectedText) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String text : expectedText) {
      assertTrue(e.getMessage().contains(text), "expected '" + text + "' in: " + e.getMessage());
    }
  }

  private static List<Supplier<VectorIndex>> indexes() {
    return List.of(
        () -> HnswIndex.create(IndexConfig.builder(4).build()), () -> ExactIndex.create(4, Metric.L2));
  }

  @Test
  void badVectorsAreRejectedAndNothingIsStored() {
    for (Supplier<VectorIndex> make : indexes()) {
      try (VectorIndex index = make.get()) {
        index.add(1, new float[] {1, 2, 3, 4});
        assertRejected(() -> index.add(2, new float[] {1, 2, 3}), "dimension 3", "dimension 4");
        assertRejected(() -> index.add(2, new float[] {1, Float.NaN, 3, 4}), "vector[1]", "NaN");
        assertRejected(() -> index.add(2, new float[] {1, 2, Float.POSITIVE_INFINITY, 4}), "vector[2]", "Infinity");
        assertRejected(() -> index.add(2, null), "vector must not be null");
        // An update with a bad vector leaves the old one.
        assertRejected(() -> index.add(1, new float[] {Float.NaN, 0, 0, 0}), "NaN");
        assertEquals(1, index.size());
        assertEquals(List.of(1.0f, 2.0f, 3.0f, 4.0f), boxed(index.vector(1)));
        assertFalse(index.contains(2));
      }
    }
  }

  @Test
  void badSearchArgumentsAreRejected() {
    for (Supplier<VectorIndex> make : indexes()) {
      try (VectorIndex index = make.get()) {
        index.add(1, new float[] {1, 2, 3, 4});
        float[] q = {0, 0, 0, 0};
        assertRejected(() -> index.search(q, 0), "k must be", "got 0");
        assertRejected(() -> index.search(q, -3, 10), "k must be", "got -3");
        assertRejected(() -> index.search(q, 5, 0), "ef must be", "got 0");
        assertRejected(() -> index.search(q, 5, Integer.MAX_VALUE), "ef must be");
        assertRejected(() -> index.search(new float[] {1, 2}, 5), "query has dimension 2");
        assertRejected(() -> index.search(null, 5), "query must not be null");
        assertRejected(() -> index.search(new float[] {0, Float.NaN, 0, 0}, 5), "query[1]", "NaN");
        assertRejected(() -> index.searchBatch(new float[][] {q, {1}}, 5, 10, 1), "queries[1]", "dimension 1");
        assertRejected(() -> index.searchBatch(new float[][] {q}, 5, 10, 0), "threads");
      }
    }
  }

  @Test
  void badBulkAddsAreRejectedBeforeAnythingIsAdded() {
    for (Supplier<VectorIndex> make : indexes()) {
      try (VectorIndex index = make.get()) {
        float[] v = {1, 2, 3, 4};
        assertRejected(() -> index.addAll(new long[] {1, 2}, new float[][] {v}, 1), "ids has 2", "vectors has 1");
        assertRejected(() -> index.addAll(new long[] {1, 2, 1}, new float[][] {v, v, v}, 1), "1 more than once");
        assertRejected(() -> index.addAll(new long[] {1, 2}, new float[][] {v, {Float.NaN, 0, 0, 0}}, 1), "vectors[1][0]", "NaN");
        assertRejected(() -> index.addAll(null, null, 1), "must not be null");
        assertEquals(0, index.size());
      }
    }
  }

  @Test
  void unknownIdsAreReported() {
    for (Supplier<VectorIndex> make : indexes()) {
      try (VectorIndex index = make.get()) {
        assertRejected(() -> index.vector(42), "id 42 is not in the index");
        assertFalse(index.remove(42));
      }
    }
  }

  @Test
  void cosineRejectsZeroVectors() {
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(3).metric(Metric.COSINE).build())) {
      assertRejected(() -> index.add(1, new float[] {0, 0, 0}), "all zeros", "cosine");
    }
  }

  @Test
  void badConfigurationsAreRejected() {
    assertRejected(() -> IndexConfig.builder(0).build(), "dimension", "got 0");
    assertRejected(() -> IndexConfig.builder(4).m(1).build(), "m must be", "got 1");
    assertRejected(() -> IndexConfig.builder(4).m(100_000).build(), "m must be");
    assertRejected(() -> IndexConfig.builder(4).efConstruction(0).build(), "efConstruction", "got 0");
    assertRejected(() -> IndexConfig.builder(4).efSearch(-1).build(), "efSearch", "got -1");
    assertRejected(() -> IndexConfig.builder(4).initialCapacity(-1).build(), "initialCapacity");
    assertRejected(() -> IndexConfig.builder(4).maxDeletedFraction(0).build(), "maxDeletedFraction");
    assertThrows(NullPointerException.class, () -> IndexConfig.builder(4).metric(null).build());
    // efConstruction is raised to at least M, as in the paper.
    assertEquals(32, IndexConfig.builder(4).m(32).efConstruction(10).build().efConstruction());
    // A capacity the heap cannot hold is refused, naming the limit, before anything is allocated.
    assertRejected(
        () -> HnswIndex.create(IndexConfig.builder(128).initialCapacity(Integer.MAX_VALUE).build()),
        "initialCapacity 2147483647", "maximum heap");
    assertRejected(() -> HnswIndex.create(null), "config must not be null");
  }

  @Test
  void closedIndexRefusesWork() {
    HnswIndex index = HnswIndex.create(IndexConfig.builder(2).build());
    index.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> index.search(new float[] {1, 2}, 1));
    assertTrue(e.getMessage().contains("closed"));
    for (Executable call : List.<Executable>of(
        index::size, () -> index.add(1, new float[] {1, 2}), () -> index.remove(1), () -> index.contains(1),
        index::ids, index::statistics, index::checkIntegrity, () -> index.save(Path.of("x.hnsw")))) {
      assertTrue(assertThrows(IllegalStateException.class, call).getMessage().contains("closed"));
    }
  }

  @Test
  void nullFilesAreRejectedAlike() {
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(2).build())) {
      assertRejected(() -> index.save(null), "file must not be null");
    }
    assertRejected(() -> HnswIndex.open(null), "file must not be null");
  }

  private static List<Float> boxed(float[] v) {
    Float[] out = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return List.of(out);
  }
}
