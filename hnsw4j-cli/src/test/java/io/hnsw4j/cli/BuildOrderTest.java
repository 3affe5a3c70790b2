package io.hnsw4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.InsertionOrder;
import io.hnsw4j.cli.MainTest.Result;
import io.hnsw4j.datasets.VectorFiles;
import java.nio.file.Path;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code hnsw4j build --order}: the index is the one HnswIndex.addAll builds in that order. */
class BuildOrderTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(InsertionOrder.class)
  void buildInsertsInTheGivenOrder(InsertionOrder order) throws Exception {
    float[][] base = TestData.clustered(700, 8, 21);
    float[][] queries = TestData.clustered(20, 8, 22);
    Path baseFile = dir.resolve("base.fvecs");
    Path indexFile = dir.resolve("base.hnsw");
    VectorFiles.writeFvecs(baseFile, base);
    String name = OrderConverter.name(order);
    Result r = MainTest.run("build", baseFile.toString(), "-o", indexFile.toString(), "--order", name,
        "--m", "6", "--ef-construction", "30", "--seed", "7", "--threads", "1", "-q");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("order " + name), r.out());
    IndexConfig config = IndexConfig.builder(8).m(6).efConstruction(30).seed(7).insertionOrder(order).build();
    // Saved and opened like the command's index: opening re-links a few nodes (the graph's
    // spanning trees are rebuilt), so a saved index is compared with a saved index.
    Path expectedFile = dir.resolve("expected.hnsw");
    try (HnswIndex expected = HnswIndex.create(config)) {
      expected.addAll(LongStream.range(0, 700).toArray(), base, 1);
      expected.save(expectedFile);
    }
    try (HnswIndex built = HnswIndex.open(indexFile); HnswIndex expected = HnswIndex.open(expectedFile)) {
      for (float[] q : queries) {
        assertEquals(expected.search(q, 10, 10), built.search(q, 10, 10), name);
      }
    }
  }

  @Test
  void unknownOrderIsAUsageError() {
    Result r = MainTest.run("build", "x.fvecs", "-o", "y.hnsw", "--order", "by-size");
    assertEquals(Main.EXIT_USAGE, r.status());
    assertTrue(r.err().contains("unknown order 'by-size'; use given, random, lid-ascending, lid-descending"), r.err());
  }
}
