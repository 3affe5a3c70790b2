package io.hnsw4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.cli.MainTest.Result;
import io.hnsw4j.datasets.VectorFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hnsw4j verify --sample}: at least 1, and a sample as large as the index takes it all. */
class VerifyCommandTest {
  @TempDir Path dir;
  private Path index;

  @BeforeEach
  void buildIndex() throws Exception {
    Path base = dir.resolve("v_base.fvecs");
    VectorFiles.writeFvecs(base, TestData.clustered(400, 6, 9));
    index = dir.resolve("v.hnsw");
    Result r = MainTest.run("build", base.toString(), "-o", index.toString(), "--threads", "1",
        "-q");
    assertEquals(0, r.status(), r.err());
  }

  @Test
  void sampleZeroOrNegativeIsAUsageError() {
    for (String sample : new String[] {"0", "-5"}) {
      Result r = MainTest.run("verify", index.toString(), "--sample", sample);
      assertEquals(Main.EXIT_USAGE, r.status(), r.out() + r.err());
      assertEquals("hnsw4j verify: Invalid value for option '--sample': must be >= 1, got "
          + sample + " (see 'hnsw4j verify --help')", r.err().strip());
      assertEquals("", r.out());
    }
  }

  @Test
  void aSampleLargerThanTheIndexSearchesEveryVector() {
    Result r = MainTest.run("verify", index.toString(), "--sample", "100000");
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("self-search      ok: 1.0000 of all 400 vectors find themselves"),
        r.out());

    r = MainTest.run("verify", index.toString(), "--sample", "400");
    assertTrue(r.out().contains("of all 400 vectors"), r.out());

    r = MainTest.run("verify", index.toString(), "--sample", "25");
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("1.0000 of 25 sampled vectors find themselves"), r.out());
  }

  @Test
  void samplesAreDistinctAndReproducible() {
    long[] ids = LongStream.range(1000, 1100).toArray();
    long[] first = VerifyCommand.sampleIds(ids.clone(), 30);
    assertArrayEquals(first, VerifyCommand.sampleIds(ids.clone(), 30));
    assertEquals(30, first.length);
    assertEquals(30, Arrays.stream(first).distinct().count());
    assertTrue(Arrays.stream(first).allMatch(id -> id >= 1000 && id < 1100));

    long[] small = {5, 6, 7};
    assertSame(small, VerifyCommand.sampleIds(small, 3));
    assertSame(small, VerifyCommand.sampleIds(small, 1000));
  }
}
