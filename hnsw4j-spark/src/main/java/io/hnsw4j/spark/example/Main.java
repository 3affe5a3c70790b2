package io.hnsw4j.spark.example;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The examples that {@code bin/hnsw4j-spark} runs in Spark's local mode: {@code knn} (search a
 * vector file) and {@code bench} (hnsw4j-spark against Spark's BucketedRandomProjectionLSH).
 * Exit status: 0 on success, 1 on a failure (missing file, bad data), 2 on a bad command line.
 */
public final class Main {
  private Main() {}

  /**
   * Runs a command and exits with its status.
   *
   * @param args the command and its options
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs a command; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("usage: hnsw4j-spark " + KnnCommand.USAGE + "\n       hnsw4j-spark " + BenchCommand.USAGE);
      return 2;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (args[0]) {
        case "knn" -> KnnCommand.run(rest, out);
        case "bench" -> BenchCommand.run(rest, out);
        default -> throw new Options.UsageException("unknown command '" + args[0] + "'; expected knn or bench");
      }
      return 0;
    } catch (Options.UsageException e) {
      err.println("hnsw4j-spark: " + e.getMessage());
      return 2;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      err.println("hnsw4j-spark: " + e.getMessage());
      return 1;
    }
  }
}
