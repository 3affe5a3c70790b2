package io.hnsw4j.bench;

import io.hnsw4j.bench.peers.JVectorLibrary;
import io.hnsw4j.bench.peers.JelmerkLibrary;
import io.hnsw4j.bench.peers.LuceneHnswLibrary;
import io.hnsw4j.bench.peers.LuceneQueryLibrary;
import io.hnsw4j.bench.peers.NativePeerLibrary;
import io.hnsw4j.cli.CliException;
import io.hnsw4j.cli.Main;
import io.hnsw4j.cli.bench.AnnLibrary;
import io.hnsw4j.cli.bench.BenchJob;
import io.hnsw4j.cli.bench.BenchOptions;
import io.hnsw4j.cli.bench.Hnsw4jLibrary;
import io.hnsw4j.cli.bench.SavedHnsw4jLibrary;
import io.hnsw4j.cli.progress.Progress;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The ann-benchmarks-style harness: the options and results of {@code hnsw4j bench}, plus
 * {@code --libs} to measure peer libraries in the same run on the same data with the same M and
 * efConstruction.
 */
@Command(name = "hnsw4j-bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Recall against QPS of hnsw4j and peer libraries on one dataset; writes"
        + " results.csv, results.md and plot.png with one curve per library.")
public final class PeerBench implements Callable<Integer> {
  /** The libraries --libs may name, in the order they run. */
  static final Map<String, Supplier<AnnLibrary>> LIBRARIES = new LinkedHashMap<>();

  static {
    LIBRARIES.put("hnsw4j", Hnsw4jLibrary::new);
    LIBRARIES.put("hnsw4j-int8", () -> new Hnsw4jLibrary(io.hnsw4j.Quantization.INT8));
    LIBRARIES.put("hnsw4j-bit", () -> new Hnsw4jLibrary(io.hnsw4j.Quantization.BINARY));
    LIBRARIES.put("hnsw4j-int4", () -> new Hnsw4jLibrary(io.hnsw4j.Quantization.INT4));
    for (io.hnsw4j.Quantization quantization : io.hnsw4j.Quantization.values()) {
      Hnsw4jLibrary patient = Hnsw4jLibrary.patient(quantization);
      LIBRARIES.put(patient.name(), () -> Hnsw4jLibrary.patient(quantization));
      Hnsw4jLibrary bounded = Hnsw4jLibrary.withEpsilon(quantization);
      LIBRARIES.put(bounded.name(), () -> Hnsw4jLibrary.withEpsilon(quantization));
    }
    for (io.hnsw4j.Quantization quantization : io.hnsw4j.Quantization.values()) {
      for (boolean mapped : new boolean[] {false, true}) {
        for (io.hnsw4j.NodeOrder order : io.hnsw4j.NodeOrder.values()) {
          SavedHnsw4jLibrary saved = new SavedHnsw4jLibrary(quantization, null, mapped, order);
          LIBRARIES.put(saved.name(), () -> saved);
        }
      }
    }
    LIBRARIES.put("lucene", LuceneHnswLibrary::new);
    LIBRARIES.put("lucene-query", LuceneQueryLibrary::new);
    LIBRARIES.put("jvector", JVectorLibrary::new);
    LIBRARIES.put("jelmerk", JelmerkLibrary::new);
    // C++ libraries compiled by scripts/build-native-peers.sh, called through java.lang.foreign.
    for (String name : List.of("hnswlib", "usearch", "faiss")) {
      LIBRARIES.put(name, () -> NativePeerLibrary.load(name));
    }
  }

  @Mixin BenchOptions options;

  @Option(names = "--libs", split = ",",
      defaultValue = "hnsw4j,lucene,lucene-query,jvector,jelmerk",
      paramLabel = "LIB", description = "Libraries to measure (default: ${DEFAULT-VALUE});"
          + " also hnswlib, usearch and faiss once scripts/build-native-peers.sh has compiled"
          + " them; hnsw4j-int8, hnsw4j-int4 and hnsw4j-bit (int8, 4-bit or 1-bit"
          + " traversal), each of these four with -patient (searches that stop early:"
          + " patience 1/3 of ef) or -eps (searches that stop at 0.2 beyond the k-th nearest"
          + " distance); and funnels over prefixes, hnsw4j-funnel-D1[-D2...] (as given)"
          + " or hnsw4j-pca-D1[-D2...] (PCA-rotated), e.g. hnsw4j-pca-64, with -mmap to search"
          + " the saved index memory-mapped; hnsw4j[-int8]-saved and hnsw4j[-int8]-gorder[-mmap]"
          + " search it saved as built or in Gorder order, reopened.")
  List<String> libs;

  /** The option that runs each library in a JVM of its own. */
  static final String JVM_PER_LIBRARY = "--jvm-per-library";

  @Option(names = JVM_PER_LIBRARY, description = "Measure each library in a JVM of its own, with"
      + " this JVM's options, so that none runs on a search loop compiled for another; each"
      + " child's files go to DIR/jvm-per-library/LIB, every row to DIR's table and plot.")
  boolean jvmPerLibrary;

  @Option(names = {"-q", "--quiet"}, description = "No progress output.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
  boolean verbose;

  @Spec CommandSpec spec;

  private final PrintStream out;

  PeerBench(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    return Main.run(new PeerBench(out), args, out, err);
  }

  @Override
  public Integer call() throws Exception {
    List<AnnLibrary> chosen = libraries(libs);
    for (AnnLibrary library : chosen) {
      if (library instanceof NativePeerLibrary peer) {
        out.println(peer.name() + ": " + peer.describe());
      }
    }
    BenchJob.Measurement measurement = jvmPerLibrary
        ? new JvmPerLibrary(spec.commandLine().getParseResult().originalArgs(), options.out, out)
        : null;
    new BenchJob(options, out, quiet ? Progress.silent() : Progress.forStderr(false))
        .run(chosen, measurement);
    return 0;
  }

  /** A funnel library ({@code hnsw4j-pca-128}, {@code hnsw4j-funnel-64-mmap}, ...), or null. */
  private static Supplier<AnnLibrary> funnelLibrary(String name) {
    boolean mapped = name.endsWith("-mmap");
    io.hnsw4j.Funnel funnel = Hnsw4jLibrary.funnelOf(mapped ? name.substring(0, name.length() - 5) : name);
    if (funnel == null) {
      return null;
    }
    return mapped
        ? () -> new SavedHnsw4jLibrary(io.hnsw4j.Quantization.NONE, funnel, true, io.hnsw4j.NodeOrder.AS_BUILT)
        : () -> new Hnsw4jLibrary(funnel);
  }

  static List<AnnLibrary> libraries(List<String> names) {
    List<AnnLibrary> chosen = new ArrayList<>();
    for (String name : names) {
      Supplier<AnnLibrary> library = LIBRARIES.get(name.trim());
      if (library == null) {
        try {
          library = funnelLibrary(name.trim());
        } catch (IllegalArgumentException e) {
          throw new CliException("bad funnel library '" + name + "' in --libs: " + e.getMessage());
        }
      }
      if (library == null) {
        throw new CliException("unknown library '" + name + "' in --libs; use "
            + String.join(", ", LIBRARIES.keySet())
            + ", or a funnel: hnsw4j-funnel-64, hnsw4j-pca-64, hnsw4j-pca-32-128 (prefix lengths),"
            + " with -mmap to search it memory-mapped");
      }
      try {
        chosen.add(library.get());
      } catch (IllegalStateException notBuilt) {
        throw new CliException(notBuilt.getMessage());
      }
    }
    return chosen;
  }
}
