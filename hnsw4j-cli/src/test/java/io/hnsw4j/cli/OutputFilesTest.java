package io.hnsw4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.cli.MainTest.Result;
import io.hnsw4j.datasets.VectorFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong output location fails before any input is read, in one line that names the path as the
 * user gave it. The inputs here do not exist, so a command that read them first would complain
 * about them instead.
 */
class OutputFilesTest {
  @TempDir Path dir;

  private Result buildTo(String output, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "build";
    args[1] = dir.resolve("missing_base.fvecs").toString();
    args[2] = "-o";
    args[3] = output;
    System.arraycopy(more, 0, args, 4, more.length);
    return MainTest.run(args);
  }

  private static void assertFailure(Result r, String message) {
    assertEquals(Main.EXIT_FAILURE, r.status(), r.out() + r.err());
    assertEquals("hnsw4j build: error: " + message, r.err().strip());
  }

  @Test
  void buildIntoAMissingDirectoryFailsAtOnce() {
    Path missing = dir.resolve("no-such-dir");
    String output = missing.resolve("x.hnsw").toString();
    assertFailure(buildTo(output), "cannot write " + output + ": " + missing + " does not exist");
    assertFalse(Files.exists(missing));
  }

  @Test
  void buildUnderAFileFailsAtOnce() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "not a directory");
    String output = file.resolve("x.hnsw").toString();
    assertFailure(buildTo(output), "cannot write " + output + ": " + file + " is not a directory");
    assertEquals("not a directory", Files.readString(file));
  }

  @Test
  void buildOntoADirectoryFailsAtOnceEvenWithForce() throws Exception {
    Path target = Files.createDirectory(dir.resolve("index.hnsw"));
    Files.writeString(target.resolve("keep.txt"), "kept");
    assertFailure(buildTo(target.toString(), "--force"),
        "--output " + target + " is a directory; give the path of a file");
    assertEquals("kept", Files.readString(target.resolve("keep.txt")));
  }

  @Test
  void aBareFileNameLiesInTheWorkingDirectory() {
    // A bare file name lies in the working directory, which exists: the input is then read.
    Result r = buildTo("bare-name-" + ProcessHandle.current().pid() + ".hnsw");
    assertEquals(Main.EXIT_FAILURE, r.status(), r.err());
    assertTrue(r.err().contains("no such file: " + dir.resolve("missing_base.fvecs")), r.err());
  }

  @Test
  void groundTruthChecksBothOutputsBeforeComputing() throws Exception {
    Path base = dir.resolve("g_base.fvecs");
    VectorFiles.writeFvecs(base, TestData.clustered(50, 4, 3));
    Path missing = dir.resolve("nowhere");
    Path ids = missing.resolve("gt.ivecs");
    Result r = MainTest.run("groundtruth", "--base", base.toString(), "--queries",
        base.toString(), "--metric", "l2", "-o", ids.toString());
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertEquals("hnsw4j groundtruth: error: cannot write " + ids + ": " + missing
        + " does not exist", r.err().strip());

    Path distances = missing.resolve("gt_dist.fvecs");
    r = MainTest.run("groundtruth", "--base", base.toString(), "--queries", base.toString(),
        "--metric", "l2", "-o", dir.resolve("gt.ivecs").toString(), "--distances",
        distances.toString());
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertEquals("hnsw4j groundtruth: error: cannot write " + distances + ": " + missing
        + " does not exist", r.err().strip());
    assertFalse(Files.exists(dir.resolve("gt.ivecs")));
  }

  @Test
  void benchOutMustBeADirectory() throws Exception {
    Path file = Files.writeString(dir.resolve("results"), "a file");
    Result r = MainTest.run("bench", "--base", dir.resolve("missing_base.fvecs").toString(),
        "--queries", dir.resolve("missing_query.fvecs").toString(), "--metric", "l2", "--out",
        file.toString());
    assertEquals(Main.EXIT_FAILURE, r.status());
    assertEquals("hnsw4j bench: error: --out " + file + " is not a directory", r.err().strip());
  }
}
