package io.hnsw4j.cli;

import io.hnsw4j.cli.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code hnsw4j} command; the work is done by its subcommands. */
@Command(
    name = "hnsw4j",
    mixinStandardHelpOptions = true,
    versionProvider = Hnsw4jCommand.Version.class,
    description = "Builds, searches, analyzes and benchmarks HNSW vector indexes, and serves collections over HTTP.",
    subcommands = {
      BuildCommand.class,
      SearchCommand.class,
      GroundTruthCommand.class,
      BenchCommand.class,
      InfoCommand.class,
      VerifyCommand.class,
      AnalyzeCommand.class,
      ServeCommand.class
    })
public final class Hnsw4jCommand implements Runnable {
  final PrintStream out;
  final PrintStream err;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
      description = "No progress output.")
  boolean quiet;

  public Hnsw4jCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** Progress on stderr, unless --quiet. */
  Progress progress() {
    return quiet ? Progress.silent() : Progress.forStderr(false);
  }

  /** The version of this build (version.properties, filled in by Maven) and of the JVM. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      return new String[] {"hnsw4j " + buildVersion(),
          "Java " + System.getProperty("java.version") + ", " + System.getProperty("java.vm.name")};
    }

    static String buildVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Hnsw4jCommand.class.getResourceAsStream("version.properties")) {
        if (in == null) {
          throw new IllegalStateException("version.properties is missing from the build");
        }
        properties.load(in);
      }
      return properties.getProperty("version");
    }
  }
}
