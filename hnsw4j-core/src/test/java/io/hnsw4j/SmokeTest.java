package io.hnsw4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void runsOnJdk25WithVectorApi() {
    assertTrue(Runtime.version().feature() >= 25, "tests must run on JDK 25+");
    assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
  }
}
