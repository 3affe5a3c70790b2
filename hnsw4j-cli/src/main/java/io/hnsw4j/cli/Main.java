package io.hnsw4j.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import io.hnsw4j.store.model.StoreException;
import picocli.CommandLine;

/** Entry point of the {@code hnsw4j} command. */
public final class Main {
  /** Exit status of a failed command. */
  public static final int EXIT_FAILURE = 1;
  /** Exit status of a bad command line. */
  public static final int EXIT_USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command with the given streams and returns its exit status (for tests, too). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(new Hnsw4jCommand(out, err), args, out, err);
  }

  /**
   * Runs any picocli command object with the shared error handling: a bad option or a failure is
   * one line on stderr and a non-zero status; {@code --verbose} adds the stack trace.
   */
  public static int run(Object command, String[] args, PrintStream out, PrintStream err) {
    boolean verbose = List.of(args).contains("--verbose") || List.of(args).contains("-v");
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler((ex, arguments) -> {
      String name = ex.getCommandLine().getCommandSpec().qualifiedName();
      err.println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
      if (verbose) {
        ex.printStackTrace(err);
      }
      return EXIT_USAGE;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      err.println(commandLine.getCommandSpec().qualifiedName() + ": error: " + describe(ex));
      if (verbose) {
        ex.printStackTrace(err);
      } else {
        err.flush();
      }
      return EXIT_FAILURE;
    });
    int status = cli.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  /** One line that says what went wrong, in the user's terms. */
  static String describe(Throwable ex) {
    Throwable t = ex;
    while ((t instanceof UncheckedIOException || t instanceof ExecutionException
        || t instanceof CompletionException) && t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage();
    if (t instanceof NoSuchFileException e) {
      return "no such file: " + e.getFile();
    } else if (t instanceof AccessDeniedException e) {
      return "permission denied: " + e.getFile();
    } else if (t instanceof FileAlreadyExistsException e) {
      return "file already exists: " + e.getFile();
    } else if (t instanceof FileNotFoundException) {
      return "cannot open " + message;
    } else if (t instanceof OutOfMemoryError) {
      return "out of memory; give the JVM more heap, e.g. JAVA_OPTS=-Xmx16g";
    } else if (t instanceof CliException || t instanceof IllegalArgumentException
        || t instanceof IOException || t instanceof StoreException) {
      return message != null ? message : t.getClass().getSimpleName();
    }
    return t.getClass().getSimpleName() + (message != null ? ": " + message : "");
  }
}
