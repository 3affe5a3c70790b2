package io.hnsw4j.format;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.testutil.TestData;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A second JVM for {@link SaveTemporariesTest}, started with the test's own java and classes:
 *
 * <ul>
 *   <li>{@code save-loop TARGET N DIM}: builds an index of N vectors, prints "ready", then saves it
 *       to TARGET over and over until killed;
 *   <li>{@code hold FILE}: creates FILE, locks it as a save locks its temporary, prints "locked",
 *       and holds the lock until its standard input closes or it is killed.
 * </ul>
 */
public final class SaveChild {
  private SaveChild() {}

  public static void main(String[] args) throws IOException {
    switch (args[0]) {
      case "save-loop" -> saveLoop(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "hold" -> hold(Path.of(args[1]));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void saveLoop(Path target, int n, int dimension) throws IOException {
    try (HnswIndex index = HnswIndex.create(IndexConfig.builder(dimension).m(4).efConstruction(8).build())) {
      index.addAll(TestData.sequentialIds(n), TestData.uniform(n, dimension, 1), 2);
      System.out.println("ready");
      System.out.flush();
      while (true) {
        index.save(target);
      }
    }
  }

  private static void hold(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      channel.lock();
      System.out.println("locked");
      System.out.flush();
      InputStream in = System.in;
      while (in.read() >= 0) {
        // wait for the parent to close our input
      }
    }
  }

  /** Starts {@code SaveChild} with the running JVM's java and the test's classes. */
  static Process start(String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    // Tests run with the main classes on the module path; the child takes everything on its class path.
    String classPath = String.join(
        File.pathSeparator, System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", classPath, SaveChild.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
