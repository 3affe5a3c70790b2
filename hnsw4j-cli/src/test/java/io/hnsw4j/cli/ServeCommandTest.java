package io.hnsw4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hnsw4j.cli.MainTest.Result;
import io.hnsw4j.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hnsw4j serve}'s command line: bad options are usage errors (status 2) that touch nothing,
 * and a data directory another process holds is refused with one line (status 1). Serving itself
 * is tested through HTTP by {@link ServeCrashTest} and the server module's tests.
 */
class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void badOptionsAreUsageErrors() {
    Path data = dir.resolve("data");
    for (String[] bad : new String[][] {
        {"--port", "70000"}, {"--port", "-1"}, {"--max-body-mb", "0"}, {"--max-batch", "0"}, {"--max-limit", "0"},
        {"--max-ef", "0"}, {"--threads", "0"}}) {
      Result r = MainTest.run("serve", "--data", data.toString(), bad[0], bad[1]);
      assertEquals(Main.EXIT_USAGE, r.status(), String.join(" ", bad) + ": " + r.err());
      assertTrue(r.err().contains(bad[0]), r.err());
    }
    Result missing = MainTest.run("serve", "--port", "0");
    assertEquals(Main.EXIT_USAGE, missing.status());
    assertTrue(missing.err().contains("--data"), missing.err());
    assertFalse(Files.exists(data), "nothing is created before the options are checked");
  }

  @Test
  void aDataDirectoryInUseIsRefusedWithOneLine() {
    Path data = dir.resolve("held");
    try (Database held = Database.open(data)) {
      Result r = MainTest.run("serve", "--data", data.toString(), "--port", "0");
      assertEquals(Main.EXIT_FAILURE, r.status(), r.err());
      assertTrue(r.err().startsWith("hnsw4j serve: error: data directory ") && r.err().contains("is in use"), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }

  @Test
  void helpDescribesTheServer() {
    Result r = MainTest.run("serve", "--help");
    assertEquals(0, r.status());
    assertTrue(r.out().contains("Qdrant's REST API") && r.out().contains("--read-only-api-key"), r.out());
  }
}
