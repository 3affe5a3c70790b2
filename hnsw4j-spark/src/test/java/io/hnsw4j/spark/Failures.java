package io.hnsw4j.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Asserts that an action fails with an error that says what is wrong, wherever Spark wrapped it. */
final class Failures {
  private Failures() {}

  /** Runs the action; it must throw, and the messages along the cause chain must hold every fragment. */
  static String assertFailsSaying(Executable action, String... fragments) {
    Throwable thrown = assertThrows(Throwable.class, action);
    StringBuilder messages = new StringBuilder();
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      messages.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
    }
    String all = messages.toString();
    for (String fragment : fragments) {
      assertTrue(all.contains(fragment), "expected '" + fragment + "' in:\n" + all);
    }
    return all;
  }
}
