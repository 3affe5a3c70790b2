package io.hnsw4j.bench;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.OpenOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long {@link HnswIndex#open} takes on a saved index, onto the heap and memory-mapped: one
 * untimed open per mode first (JIT and page cache), then the median of the timed ones.
 */
@Command(name = "hnsw4j-open-bench", mixinStandardHelpOptions = true,
    description = "Times opening an index file onto the heap and memory-mapped.")
public final class OpenBench implements Callable<Integer> {
  @Option(names = "--index", required = true, description = "The index file.")
  Path index;

  @Option(names = "--repeats", defaultValue = "3", description = "Timed opens per mode.")
  int repeats;

  /**
   * Runs the benchmark.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new OpenBench()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    System.out.printf(Locale.ROOT, "%s: %.1f MiB%n", index, Files.size(index) / 1048576.0);
    time("heap", OpenOptions.DEFAULT);
    time("mapped", OpenOptions.MEMORY_MAPPED);
    return 0;
  }

  private void time(String mode, OpenOptions options) throws IOException {
    double first = openOnce(options);
    double[] millis = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      millis[i] = openOnce(options);
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-6s first %.0f ms, then %s ms, median %.0f ms%n",
        mode, first, Arrays.toString(Arrays.stream(millis).map(Math::rint).toArray()), sorted[repeats / 2]);
  }

  private double openOnce(OpenOptions options) throws IOException {
    System.gc(); // the previous open's garbage is not this one's cost
    long start = System.nanoTime();
    try (HnswIndex opened = HnswIndex.open(index, options)) {
      long elapsed = System.nanoTime() - start;
      if (opened.size() == 0) {
        throw new IllegalStateException(index + " holds no vectors");
      }
      return elapsed / 1e6;
    }
  }
}
