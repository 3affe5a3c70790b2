package io.hnsw4j.bench;

import io.hnsw4j.cli.CliException;
import io.hnsw4j.cli.bench.AnnLibrary;
import io.hnsw4j.cli.bench.BenchJob;
import io.hnsw4j.cli.bench.BenchRow;
import io.hnsw4j.cli.bench.Dataset;
import io.hnsw4j.cli.bench.ResultsCsv;
import io.hnsw4j.datasets.VectorFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Measures each library in a JVM of its own, as ann-benchmarks runs each algorithm in its own
 * process: one JVM compiles its search loop for the variant that runs in it, not with the profile
 * of the variants that ran before (which moved hnsw4j's figures by up to 1.8x with the order of
 * {@code --libs}). The child runs this harness with the parent's JVM options and command line,
 * one library, an output folder of its own and the parent's ground truth; its rows join the
 * parent's table and plot.
 */
final class JvmPerLibrary implements BenchJob.Measurement {
  /** Options the child is given anew, each followed by a value. */
  private static final Set<String> REPLACED = Set.of("--libs", "--out", "--groundtruth");
  /** JVM options a child does not inherit (see {@link #childJvmOptions}). */
  private static final List<String> CLASHING_OPTIONS = List.of(
      "-XX:StartFlightRecording", "-XX:FlightRecorderOptions", "-agentlib:jdwp", "-Xrunjdwp");

  private final List<String> originalArgs;
  private final Path out;
  private final PrintStream log;

  JvmPerLibrary(List<String> originalArgs, Path out, PrintStream log) {
    this.originalArgs = List.copyOf(originalArgs);
    this.out = out;
    this.log = log;
  }

  @Override
  public List<BenchRow> measure(AnnLibrary library, Dataset data, String truthFile) throws Exception {
    Path dir = out.resolve("jvm-per-library").resolve(library.name());
    Files.createDirectories(dir);
    VectorFiles.writeIvecs(dir.resolve(truthFile), data.groundTruth());
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command()
        .orElseThrow(() -> new CliException("cannot tell which java runs this harness")));
    command.addAll(childJvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PeerBench.class.getName());
    command.addAll(childArgs(originalArgs, library.name(), dir));
    Process child = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    log.printf(Locale.ROOT, "%s: measured in a JVM of its own (pid %d)%n", library.name(), child.pid());
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        log.println("  " + line);
      }
    }
    int status = child.waitFor();
    if (status != 0) {
      throw new CliException(library.name() + " failed in its own JVM (exit status " + status
          + "); its output is above");
    }
    return ResultsCsv.read(dir.resolve("results.csv"));
  }

  /**
   * The parent's JVM options for a child, less those that would clash with the parent's: a
   * flight recording (both would write one file) and a debugger agent (both would listen on one
   * port).
   */
  static List<String> childJvmOptions(List<String> options) {
    return options.stream().filter(option -> CLASHING_OPTIONS.stream().noneMatch(option::startsWith)).toList();
  }

  /**
   * The parent's arguments for a child: every option as given except the libraries, the output
   * folder, the ground truth (the child finds it cached in its folder) and this mode itself.
   */
  static List<String> childArgs(List<String> args, String library, Path dir) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (arg.equals(PeerBench.JVM_PER_LIBRARY)) {
        continue;
      }
      if (REPLACED.contains(name)) {
        if (!arg.contains("=")) {
          i++;
        }
        continue;
      }
      kept.add(arg);
    }
    kept.addAll(List.of("--libs", library, "--out", dir.toString()));
    return kept;
  }
}
