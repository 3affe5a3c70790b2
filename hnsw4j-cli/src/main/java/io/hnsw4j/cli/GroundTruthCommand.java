package io.hnsw4j.cli;

import io.hnsw4j.Metric;
import io.hnsw4j.cli.bench.GroundTruth;
import io.hnsw4j.datasets.VectorFiles;
import io.hnsw4j.datasets.VectorFormat;
import io.hnsw4j.datasets.VectorSource;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hnsw4j groundtruth}: exact neighbours by brute force, written as ivecs and fvecs. */
@Command(name = "groundtruth", mixinStandardHelpOptions = true,
    description = "Computes the exact k nearest base vectors of each query by brute force and"
        + " writes their ids (ivecs) and distances (fvecs).")
final class GroundTruthCommand implements Callable<Integer> {
  @ParentCommand Hnsw4jCommand parent;

  @Option(names = "--base", required = true, paramLabel = "FILE", description = "Base vectors.")
  String base;

  @Option(names = "--queries", required = true, paramLabel = "FILE", description = "Query vectors.")
  String queries;

  @Option(names = "--format", converter = FormatConverter.class, paramLabel = "FORMAT",
      completionCandidates = FormatConverter.Names.class,
      description = "Format of --base and --queries when their names do not tell:"
          + " ${COMPLETION-CANDIDATES}.")
  VectorFormat format;

  @Option(names = "--metric", required = true, converter = MetricConverter.class,
      paramLabel = "l2|cosine|ip", description = "Distance.")
  Metric metric;

  @Option(names = "--k", defaultValue = "100", converter = NumberConverters.BeamWidth.class,
      description = "Neighbours per query (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.ivecs",
      description = "Where the ids go.")
  Path out;

  @Option(names = "--distances", paramLabel = "FILE.fvecs",
      description = "Where the distances go (default: beside --out, ending _dist.fvecs).")
  Path distances;

  @Option(names = "--threads", paramLabel = "N", converter = NumberConverters.Threads.class,
      description = "Threads (default: all cores).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    Path distanceFile = distances != null ? distances : distancePath(out);
    OutputFiles.checkWritable("--out", out);
    OutputFiles.checkWritable("--distances", distanceFile);
    float[][] baseVectors = VectorFiles.readFloats(
        VectorSource.parse(base, format).withDefaultDataset("train"), -1);
    float[][] queryVectors = VectorFiles.readFloats(
        VectorSource.parse(queries, format).withDefaultDataset("test"), -1);
    if (queryVectors[0].length != baseVectors[0].length) {
      throw new CliException("the queries have dimension " + queryVectors[0].length
          + " but the base vectors have " + baseVectors[0].length);
    }
    int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    GroundTruth truth = GroundTruth.compute(baseVectors, queryVectors, metric,
        Math.min(k, baseVectors.length), threadCount, parent.progress());
    VectorFiles.writeIvecs(out, truth.ids());
    VectorFiles.writeFvecs(distanceFile, truth.distances());
    parent.out.printf(Locale.ROOT, "wrote the %d nearest of %d base vectors for %d queries to %s"
        + " (ids) and %s (distances)%n", Math.min(k, baseVectors.length), baseVectors.length,
        queryVectors.length, out, distanceFile);
    return 0;
  }

  /** gt.ivecs -> gt_dist.fvecs. */
  static Path distancePath(Path ids) {
    String name = ids.getFileName().toString();
    String stem = name.endsWith(".ivecs") ? name.substring(0, name.length() - 6) : name;
    return ids.resolveSibling(stem + "_dist.fvecs");
  }
}
