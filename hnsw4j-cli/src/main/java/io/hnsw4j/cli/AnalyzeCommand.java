package io.hnsw4j.cli;

import io.hnsw4j.DataDiagnostics;
import io.hnsw4j.HnswIndex;
import io.hnsw4j.IntrinsicDimensionality;
import io.hnsw4j.Metric;
import io.hnsw4j.OpenOptions;
import io.hnsw4j.cli.analyze.AnalyzeReport;
import io.hnsw4j.cli.analyze.AnalyzedData;
import io.hnsw4j.cli.analyze.LidHistogramPlot;
import io.hnsw4j.datasets.VectorFiles;
import io.hnsw4j.datasets.VectorFormat;
import io.hnsw4j.datasets.VectorSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hnsw4j analyze}: size, norms, intrinsic dimensionality and hubness of a data set. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = {
      "Describes a vector file or an index as a nearest-neighbour index sees it: size, dimension,"
          + " norms, the distribution of local intrinsic dimensionality (LID, maximum likelihood"
          + " over each point's k exact nearest neighbours), hubness (skew of k-occurrence), and"
          + " what they meant for M and ef on the data sets measured in docs/insertion-order.md.",
      "Costs sample x n distances for LID and sample^2 for hubness (brute force)."})
final class AnalyzeCommand implements Callable<Integer> {
  @ParentCommand Hnsw4jCommand parent;

  @Parameters(index = "0", paramLabel = "FILE",
      description = "A vector file (fvecs, ivecs, bvecs, fbin, ibin, u8bin, npy, IDX, FILE.hdf5[:train])"
          + " or an hnsw4j index file.")
  String input;

  @Option(names = "--format", converter = FormatConverter.class, paramLabel = "FORMAT",
      completionCandidates = FormatConverter.Names.class,
      description = "Format of a vector FILE whose name does not tell: ${COMPLETION-CANDIDATES}.")
  VectorFormat format;

  @Option(names = "--metric", converter = MetricConverter.class, paramLabel = "l2|cosine|ip",
      description = "Distance for a vector file (default: what an HDF5 file declares, else l2;"
          + " an index uses its own).")
  Metric metric;

  @Option(names = "--sample", defaultValue = "2000", paramLabel = "N",
      converter = NumberConverters.Positive.class,
      description = "Points whose LID is estimated, and among which hubness is counted (default: ${DEFAULT-VALUE}).")
  int sample;

  @Option(names = "--k", defaultValue = "" + IntrinsicDimensionality.DEFAULT_K, paramLabel = "K",
      converter = NumberConverters.LidNeighbours.class,
      description = "Nearest neighbours per point (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the sample (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--limit", paramLabel = "N", converter = NumberConverters.Positive.class,
      description = "Read only the first N vectors (default: all).")
  Integer limit;

  @Option(names = "--threads", paramLabel = "N", converter = NumberConverters.Threads.class,
      description = "Threads (default: all cores).")
  Integer threads;

  @Option(names = "--bins", defaultValue = "20", paramLabel = "N", converter = NumberConverters.HistogramBins.class,
      description = "Bars of the LID histogram, 2..200 (default: ${DEFAULT-VALUE}).")
  int bins;

  @Option(names = "--png", paramLabel = "FILE.png", description = "Also draw the LID histogram into a PNG file.")
  Path png;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (png != null) {
      OutputFiles.checkWritable("--png", png);
    }
    AnalyzedData data = load();
    int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    DataDiagnostics diagnostics = DataDiagnostics.of(data.vectors(), data.metric(), k, sample, seed, threadCount);
    AnalyzeReport report = new AnalyzeReport(data, diagnostics, bins);
    if (json) {
      report.printJson(parent.out);
    } else {
      report.printText(parent.out);
    }
    if (png != null) {
      LidHistogramPlot.write(png, report.histogram(), "LID of " + data.shortName() + " (k = " + diagnostics.k()
          + ", " + diagnostics.sampleSize() + " points)");
      if (!json) {
        parent.out.println("wrote " + png);
      }
    }
    return 0;
  }

  /** A vector file when its name or --format says so, else an index file. */
  private AnalyzedData load() throws IOException {
    VectorSource source;
    try {
      source = VectorSource.parse(input, format).withDefaultDataset("train");
    } catch (IllegalArgumentException notAVectorFile) {
      return loadIndex(Path.of(input), notAVectorFile.getMessage());
    }
    float[][] vectors = VectorFiles.readFloats(source, limit != null ? limit : -1);
    Metric chosen = metric;
    String metricNote = "given";
    if (chosen == null) {
      chosen = MetricConverter.fromAnnBenchmarks(VectorFiles.declaredMetric(source));
      metricNote = chosen != null ? "declared by the file" : "default; give --metric";
    }
    return new AnalyzedData(source.toString(), source.format().extension() + " file", vectors,
        chosen != null ? chosen : Metric.L2, metricNote);
  }

  private AnalyzedData loadIndex(Path file, String whyNotVectors) throws IOException {
    if (!Files.exists(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString());
    }
    try (HnswIndex index = HnswIndex.open(file, OpenOptions.MEMORY_MAPPED)) {
      if (metric != null && !metric.equals(index.metric())) {
        throw new CliException(file + " is an index with metric " + index.metric() + "; leave out --metric "
            + metric);
      }
      long[] ids = index.ids().sorted().limit(limit != null ? limit : Long.MAX_VALUE).toArray();
      if (ids.length == 0) {
        throw new CliException(file + " is an empty index");
      }
      float[][] vectors = new float[ids.length][];
      for (int i = 0; i < ids.length; i++) {
        vectors[i] = index.vector(ids[i]);
      }
      return new AnalyzedData(file.toString(), "index file", vectors, index.metric(), "the index's");
    } catch (io.hnsw4j.CorruptIndexException e) {
      throw new CliException(file + " is neither a vector file (" + whyNotVectors + ") nor a readable index ("
          + e.getMessage() + ")");
    }
  }
}
