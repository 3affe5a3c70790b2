package io.hnsw4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the server through Qdrant's official TypeScript REST client ({@code @qdrant/js-client-rest},
 * pinned in {@code src/test/js/package.json}) with the machine's Node.js: {@code official-client.mjs}
 * creates collections, upserts in both forms, searches with filters, queries, scrolls, counts,
 * updates payloads, deletes, snapshots and recovers, checking each answer against values it
 * computes itself. The test fails, not skips, when Node.js or the package is missing:
 * {@code .ci/run} installs the package with {@code npm ci}.
 */
class OfficialClientTest {
  static final Path SCRIPT_DIR = Path.of("src/test/js");

  @TempDir Path dir;

  @Test
  void qdrantsTypeScriptClientGetsTheAnswersItExpects() throws Exception {
    String node = nodeVersion();
    assertTrue(Files.isRegularFile(SCRIPT_DIR.resolve("node_modules/@qdrant/js-client-rest/package.json")),
        "Qdrant's client is not installed: run `npm ci --prefix hnsw4j-server/src/test/js` (.ci/run does)");
    String key = "official-client-key";
    try (TestServer s = TestServer.start(ServerConfig.builder(dir).port(0).apiKey(key).build())) {
      ProcessBuilder pb = new ProcessBuilder("node", "official-client.mjs", s.server.uri().toString(), key,
          s.server.database().snapshotRoot().toAbsolutePath().toString())
          .directory(SCRIPT_DIR.toFile())
          .redirectErrorStream(true);
      Process p = pb.start();
      String output;
      try (var in = p.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("the client script did not finish in 120 s: " + output);
      }
      System.out.println("node " + node + ": " + output.strip());
      assertEquals(0, p.exitValue(), output);
      Matcher m = Pattern.compile("official client: (\\d+) checks passed").matcher(output);
      assertTrue(m.find(), output);
      assertTrue(Integer.parseInt(m.group(1)) >= 100, "only " + m.group(1) + " checks ran: " + output);
    }
  }

  private static String nodeVersion() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "node --version failed: " + version);
      return version;
    } catch (IOException e) {
      fail("Node.js (node) is not on the PATH; the official-client test needs Node.js 20 or newer: " + e.getMessage());
      return null;
    }
  }
}
