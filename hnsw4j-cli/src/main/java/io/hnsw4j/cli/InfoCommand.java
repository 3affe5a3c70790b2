package io.hnsw4j.cli;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.IndexConfig;
import io.hnsw4j.IndexStatistics;
import io.hnsw4j.OpenOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hnsw4j info}: the configuration and shape of an index file. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Prints the configuration and statistics of an index file. The file is"
        + " memory-mapped: its structure is checked, its vectors are not read unless --verify.")
final class InfoCommand implements Callable<Integer> {
  @ParentCommand Hnsw4jCommand parent;

  @Parameters(index = "0", paramLabel = "INDEX", description = "Index file.")
  Path indexFile;

  @Option(names = "--verify",
      description = "Also check the checksum of the whole file (reads every byte).")
  boolean verify;

  @Override
  public Integer call() throws Exception {
    long fileBytes = Files.size(indexFile);
    // Mapped: the statistics need no copy of the vectors on the heap.
    OpenOptions mapped = OpenOptions.MEMORY_MAPPED.withVerifyChecksum(verify);
    try (HnswIndex index = HnswIndex.open(indexFile, mapped)) {
      print(parent.out, indexFile, fileBytes, index.config(), index.statistics());
    }
    return 0;
  }

  static void print(PrintStream out, Path file, long fileBytes, IndexConfig c,
      IndexStatistics s) {
    out.printf(Locale.ROOT, "file             %s (%s)%n", file, mib(fileBytes));
    out.printf(Locale.ROOT, "vectors          %d live, %d nodes, %d removed%n", s.size(),
        s.nodes(), s.removed());
    out.printf(Locale.ROOT, "dimension        %d%n", c.dimension());
    out.printf(Locale.ROOT, "metric           %s%n", c.metric());
    out.printf(Locale.ROOT, "traversal        %s%n", traversal(c));
    out.printf(Locale.ROOT, "M                %d (layer 0 keeps %d)%n", c.m(), c.maxLinksLayer0());
    out.printf(Locale.ROOT, "efConstruction   %d%n", c.efConstruction());
    out.printf(Locale.ROOT, "efSearch         %d%n", c.efSearch());
    out.printf(Locale.ROOT, "seed             %d%n", c.seed());
    out.printf(Locale.ROOT, "entry point      %d%n", s.entryPoint());
    out.printf(Locale.ROOT, "memory           %s (vectors %s, links %s)%n", mib(s.memoryBytes()),
        mib(s.vectorBytes()), mib(s.linkBytes()));
    out.printf(Locale.ROOT, "levels           %d%n", s.levelCount());
    out.printf(Locale.ROOT, "  %5s %10s %8s %8s %8s%n", "level", "nodes", "min deg", "mean deg",
        "max deg");
    for (IndexStatistics.Level level : s.levels()) {
      out.printf(Locale.ROOT, "  %5d %10d %8d %8.2f %8d%n", level.level(), level.nodes(),
          level.minDegree(), level.meanDegree(), level.maxDegree());
    }
  }

  static String traversal(IndexConfig c) {
    if (c.funnel() != null) {
      io.hnsw4j.Funnel f = c.funnel();
      return String.format(Locale.ROOT, "funnel over prefixes %s of the %s vectors, reranked with the full vectors",
          f.prefixes().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")),
          f.rotation() == io.hnsw4j.Funnel.Rotation.PCA ? "PCA-rotated" : "given");
    }
    return c.quantization() == io.hnsw4j.Quantization.NONE
        ? "float vectors" : c.quantization().name().toLowerCase(Locale.ROOT) + " codes, reranked with the float vectors";
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
