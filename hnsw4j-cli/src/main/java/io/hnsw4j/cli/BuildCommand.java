package io.hnsw4j.cli;

import io.hnsw4j.Funnel;
import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.InsertionOrder;
import io.hnsw4j.Metric;
import io.hnsw4j.Quantization;
import io.hnsw4j.cli.bench.Hnsw4jLibrary;
import io.hnsw4j.datasets.VectorFiles;
import io.hnsw4j.datasets.VectorFormat;
import io.hnsw4j.datasets.VectorSource;
import io.hnsw4j.cli.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hnsw4j build}: a vectors file in, an index file out; row i gets id i. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Builds an index from a file of vectors (row i gets id i) and saves it.")
final class BuildCommand implements Callable<Integer> {
  @ParentCommand Hnsw4jCommand parent;

  @Parameters(index = "0", paramLabel = "VECTORS",
      description = "fvecs, ivecs, bvecs, fbin, ibin, u8bin, npy, IDX, or FILE.hdf5[:train].")
  String input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "INDEX",
      description = "Index file to write.")
  Path output;

  @Option(names = "--format", converter = FormatConverter.class, paramLabel = "FORMAT",
      completionCandidates = FormatConverter.Names.class,
      description = "Format of VECTORS when its name does not tell: ${COMPLETION-CANDIDATES}.")
  VectorFormat format;

  @Option(names = "--metric", defaultValue = "l2", converter = MetricConverter.class,
      paramLabel = "l2|cosine|ip", description = "Distance (default: ${DEFAULT-VALUE}).")
  Metric metric;

  @Option(names = "--m", defaultValue = "16", paramLabel = "M",
      converter = NumberConverters.Links.class,
      description = "Links per node (default: ${DEFAULT-VALUE}).")
  int m;

  @Option(names = "--ef-construction", defaultValue = "200", paramLabel = "EF",
      converter = NumberConverters.BeamWidth.class, description = "Build beam width (default: ${DEFAULT-VALUE}).")
  int efConstruction;

  @Option(names = "--ef-search", defaultValue = "100", paramLabel = "EF",
      converter = NumberConverters.BeamWidth.class, description = "Default search beam width stored in the index (default: ${DEFAULT-VALUE}).")
  int efSearch;

  @Option(names = "--threads", paramLabel = "N", converter = NumberConverters.Threads.class,
      description = "Build threads (default: all cores).")
  Integer threads;

  @Option(names = "--limit", paramLabel = "N", converter = NumberConverters.Positive.class,
      description = "Index only the first N vectors (default: all).")
  Integer limit;

  @Option(names = "--seed", defaultValue = "42",
      description = "Level generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--quantization", defaultValue = "none", paramLabel = "none|int8|int4|binary",
      converter = QuantizationConverter.class,
      description = "Traverse the graph on int8 codes (int8), on 4-bit (int4) or 1-bit codes around the"
          + " vectors' mean (binary) and rerank with the floats, or on the floats (none, the default). At"
          + " recall 0.95, int8 gave 1.5-1.7x the QPS of the floats on 100-d and 384-d data; int4 keeps half"
          + " of int8's bytes at about the same recall per --ef (2.1x the floats' QPS on 384-d, 1.0-1.2x on"
          + " 100-d); binary keeps 1/24 of the float bytes at 384 dimensions and needs a larger --ef for the"
          + " same recall.")
  Quantization quantization;

  @Option(names = "--build-on-codes", arity = "1", paramLabel = "true|false",
      description = "With --quantization: inserts search the graph on the codes, the floats then scoring"
          + " the candidates again to choose the links (default: true for int4, false otherwise). On the"
          + " whole of glove-100, int4 builds took 0.85-0.92x the time, for recall within 0.4 points at"
          + " equal --ef; int8 builds gained nothing, binary ones lost up to a point of recall at equal"
          + " --ef (docs/benchmarks.md). Not stored in the index.")
  Boolean buildOnCodes;

  @Option(names = "--funnel", split = ",", paramLabel = "D1[,D2...]",
      description = "Build and traverse the graph on the first D1 components of each vector and"
          + " rerank with longer prefixes, then the full vector (Matryoshka funnel search, see"
          + " docs/funnel.md; default: none).")
  int[] funnel;

  @Option(names = "--rotation", defaultValue = "none", converter = RotationConverter.class,
      paramLabel = "none|pca",
      description = "With --funnel: prefixes of the vectors as given (none, for Matryoshka-trained"
          + " embeddings; the default) or rotated onto principal axes learned from the first"
          + " 10,000 vectors (pca).")
  Funnel.Rotation rotation;

  @Option(names = "--order", converter = OrderConverter.class, paramLabel = "ORDER",
      completionCandidates = OrderConverter.Names.class,
      description = "Insertion order: ${COMPLETION-CANDIDATES} (random is seeded by --seed; the lid orders"
          + " estimate each vector's local intrinsic dimensionality first, see docs/insertion-order.md;"
          + " default: IndexConfig's, given). Not stored in the index.")
  InsertionOrder order;

  @Option(names = {"-f", "--force"}, description = "Overwrite an existing index file.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    OutputFiles.checkWritable("--output", output);
    if (Files.exists(output) && !force) {
      throw new CliException(output + " exists; add --force to overwrite it");
    }
    if (Boolean.TRUE.equals(buildOnCodes) && quantization == Quantization.NONE) {
      throw new CliException(
          "--build-on-codes true needs --quantization int8, int4 or binary: without one there are no codes");
    }
    int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    VectorSource source = VectorSource.parse(input, format).withDefaultDataset("train");
    float[][] vectors = VectorFiles.readFloats(source, limit != null ? limit : -1);
    IndexConfig.Builder builder = IndexConfig.builder(vectors[0].length);
    if (order != null) {
      builder.insertionOrder(order);
    }
    IndexConfig config = builder
        .metric(metric)
        .m(m)
        .efConstruction(efConstruction)
        .efSearch(efSearch)
        .initialCapacity(vectors.length)
        .seed(seed)
        .quantization(quantization)
        .buildOnCodes(buildOnCodes)
        .funnel(funnel(vectors[0].length))
        .build();
    Progress progress = parent.progress();
    long start = System.nanoTime();
    // The sequence HnswIndex.addAll would take, so that the build can show its progress.
    if (config.insertionOrder().estimatesLid() && !parent.quiet) {
      parent.err.printf(Locale.ROOT, "estimating the LID of %d vectors for the %s order%n", vectors.length,
          OrderConverter.name(config.insertionOrder()));
    }
    int[] sequence = config.insertionOrder().permutation(vectors, metric, seed, threadCount);
    try (HnswIndex index = HnswIndex.create(config)) {
      Hnsw4jLibrary.addWithProgress(index, vectors, sequence, threadCount, progress, "build");
      double buildSeconds = (System.nanoTime() - start) / 1e9;
      save(index);
      parent.out.printf(Locale.ROOT,
          "built %s: %d vectors of dimension %d, metric %s, M %d, efConstruction %d, order %s,"
              + " %d threads, %.2f s; %.1f MiB in memory, %.1f MiB on disk%n",
          output, index.size(), index.dimension(), metric, m, config.efConstruction(),
          OrderConverter.name(config.insertionOrder()),
          threadCount, buildSeconds, index.statistics().memoryBytes() / 1048576.0,
          Files.size(output) / 1048576.0);
    }
    return 0;
  }

  /** The funnel of --funnel and --rotation, checked against the vectors' dimension, or null. */
  private Funnel funnel(int dimension) {
    if (funnel == null) {
      if (rotation != Funnel.Rotation.NONE) {
        throw new CliException("--rotation " + rotation.name().toLowerCase(Locale.ROOT) + " needs --funnel");
      }
      return null;
    }
    try {
      Funnel chosen = new Funnel(java.util.Arrays.stream(funnel).boxed().toList(), rotation);
      if (chosen.longestPrefix() > dimension) {
        throw new CliException("--funnel " + chosen.longestPrefix() + " exceeds the vectors' dimension " + dimension);
      }
      return chosen;
    } catch (IllegalArgumentException e) {
      throw new CliException("bad --funnel: " + e.getMessage());
    }
  }

  // Names the file the user asked for, not the temporary file the save goes through.
  private void save(HnswIndex index) {
    try {
      index.save(output);
    } catch (IOException e) {
      throw new CliException("cannot write " + output + ": " + Main.describe(e));
    }
  }
}
