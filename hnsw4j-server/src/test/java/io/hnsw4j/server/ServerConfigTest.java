package io.hnsw4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration's defaults and the values it refuses. */
class ServerConfigTest {
  private static final Path DIR = Path.of("data");

  @Test
  void defaultsAreSafe() {
    ServerConfig c = ServerConfig.builder(DIR).build();
    assertEquals("127.0.0.1", c.host());
    assertEquals(6333, c.port());
    assertEquals(32L << 20, c.maxBodyBytes());
    assertEquals(10_000, c.maxBatchPoints());
    assertEquals(10_000, c.maxLimit());
    assertEquals(10_000, c.maxEf());
    assertEquals(100, c.maxSearchBatch());
    assertFalse(c.authRequired());
    assertTrue(ServerConfig.builder(DIR).readOnlyApiKey("r").build().authRequired());
  }

  @Test
  void badValuesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder(DIR).port(65_536).build());
    assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder(DIR).apiKey("").build());
    assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder(DIR).apiKey("has space").build());
    assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder(DIR).apiKey("same").readOnlyApiKey("same").build());
    assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder(DIR).maxBodyBytes(0).build());
    assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder(DIR).maxLimit(0).build());
    assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder(DIR).maxThreads(2).build());
    assertThrows(NullPointerException.class, () -> ServerConfig.builder(null).build());
  }
}
