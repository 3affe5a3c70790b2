package io.hnsw4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's library example is the code {@link ReadmeExampleTest} runs, line for line. */
class ReadmeTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path EXAMPLE =
      Path.of("src", "test", "java", "io", "hnsw4j", "examples", "ReadmeExampleTest.java");

  @Test
  void readmeQuotesTheTestedExample() throws IOException {
    List<String> example = dedent(between(Files.readAllLines(EXAMPLE),
        "// README-EXAMPLE-BEGIN", "// README-EXAMPLE-END"));
    List<String> readme = between(Files.readAllLines(README), "<!-- example:begin"
        + " (hnsw4j-cli/src/test/java/io/hnsw4j/examples/ReadmeExampleTest.java) -->",
        "<!-- example:end -->");
    assertTrue(readme.size() > 2 && readme.getFirst().equals("```java")
        && readme.getLast().equals("```"), "the README example must be one java code block");
    assertEquals(example, readme.subList(1, readme.size() - 1),
        "README.md's example differs from ReadmeExampleTest: copy the marked lines over");
  }

  @Test
  void ciRunsTheReadmeTestCommands() throws IOException {
    String readme = Files.readString(README);
    // The commands of .ci/run, without comments, the shell options and the change of directory.
    List<String> commands = Files.readAllLines(Path.of("..", ".ci", "run")).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("set ") && !l.startsWith("cd "))
        .toList();
    assertEquals("mvn -B verify", commands.getLast());
    String block = "```sh\n" + String.join("\n", commands) + "\n```";
    assertTrue(readme.contains(block), "README shows the test commands as one block:\n" + block);
  }

  private static List<String> between(List<String> lines, String begin, String end) {
    int from = -1;
    int to = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(begin)) {
        from = i + 1;
      } else if (lines.get(i).strip().equals(end)) {
        to = i;
      }
    }
    assertTrue(from > 0 && to >= from, "markers " + begin + " / " + end + " not found");
    return lines.subList(from, to);
  }

  private static List<String> dedent(List<String> lines) {
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
  }
}
