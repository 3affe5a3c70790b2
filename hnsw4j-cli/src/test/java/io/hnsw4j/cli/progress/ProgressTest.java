package io.hnsw4j.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void plainModeWritesWholeLines() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = Progress.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    p.start("build", 100);
    p.advance(50);
    p.advance(50);
    p.finish();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(text.contains("\r"), text);
    assertTrue(text.startsWith("build: started, 100 to do"), text);
    assertTrue(text.contains("build: 100% 100 in"), text);
  }

  @Test
  void terminalModeRedrawsOneLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = Progress.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    p.start("build", 10);
    p.advance(10);
    p.finish();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\rbuild [##############################] 100%"), text);
    assertTrue(text.endsWith(System.lineSeparator()), text);
  }

  @Test
  void formatsTimesAndRates() {
    assertEquals("2.5s", Progress.time(2.5));
    assertEquals("1:05", Progress.time(65));
    assertEquals("1:01:01", Progress.time(3661));
    assertEquals("12.3k", Progress.count(12_345));
    assertEquals("950", Progress.count(950));
  }
}
