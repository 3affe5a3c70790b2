package io.hnsw4j.cli;

import io.hnsw4j.HnswIndex;
import io.hnsw4j.OpenOptions;
import io.hnsw4j.SearchResult;
import io.hnsw4j.datasets.VectorFiles;
import io.hnsw4j.datasets.VectorFormat;
import io.hnsw4j.datasets.VectorSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hnsw4j search}: the nearest neighbours of one vector or a file of queries. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Searches an index for the k nearest neighbours of a vector or of each vector"
        + " in a file, and prints ids and distances.")
final class SearchCommand implements Callable<Integer> {
  /** How the results are printed. */
  enum Output {
    TABLE,
    CSV,
    JSON
  }

  @ParentCommand Hnsw4jCommand parent;

  @Parameters(index = "0", paramLabel = "INDEX", description = "Index file.")
  Path indexFile;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Query query;

  static final class Query {
    @Option(names = "--vector", paramLabel = "X,Y,...",
        description = "One query vector, comma-separated.")
    String vector;

    @Option(names = "--queries", paramLabel = "FILE",
        description = "A file of query vectors (any readable format; FILE.hdf5[:test]).")
    String file;
  }

  @Option(names = {"--queries-format", "--format"}, converter = FormatConverter.class,
      paramLabel = "FORMAT", completionCandidates = FormatConverter.Names.class,
      description = "Format of --queries when its name does not tell: ${COMPLETION-CANDIDATES}.")
  VectorFormat queriesFormat;

  @Option(names = "--k", defaultValue = "10", converter = NumberConverters.BeamWidth.class,
      description = "Neighbours per query (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--ef", paramLabel = "EF", converter = NumberConverters.BeamWidth.class,
      description = "Beam width (default: the one stored in the index).")
  Integer ef;

  @Option(names = "--patience", paramLabel = "F", converter = NumberConverters.Fraction.class,
      description = "Stop a search once its k nearest have not changed for F x EF steps (0 to 1;"
          + " default 0: never stop early). 1/3 with a larger EF reached the same recall with 8-12%%"
          + " fewer distances in docs/benchmarks.md.")
  double patience;

  @Option(names = "--epsilon", paramLabel = "E", converter = NumberConverters.NonNegativeNumber.class,
      description = "Stop a search once its nearest candidate left is farther than the k-th nearest"
          + " distance d plus E x |d| (NGT's search range; default 0: off). EF still caps the search."
          + " 0.2 with a larger EF reached recall@10 0.95 on glove-100 with about a quarter fewer"
          + " distances in docs/benchmarks.md.")
  double epsilon;

  @Option(names = "--limit", paramLabel = "N", converter = NumberConverters.Positive.class,
      description = "Search only the first N queries of the file (default: all).")
  Integer limit;

  @Option(names = "--output", defaultValue = "table", paramLabel = "table|csv|json",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Output output;

  @Option(names = "--mmap", description = "Memory-map the index instead of reading it: its"
      + " structure is checked, its vectors are not read unless --verify.")
  boolean mmap;

  @Option(names = "--verify", description = "With --mmap, also check the checksum of the whole"
      + " file (reads every byte; reading the index without --mmap always checks it).")
  boolean verify;

  @Override
  public Integer call() throws Exception {
    float[][] queries = query.vector != null
        ? new float[][] {parseVector(query.vector)}
        : VectorFiles.readFloats(
            VectorSource.parse(query.file, queriesFormat).withDefaultDataset("test"),
            limit != null ? limit : -1);
    try (HnswIndex index = HnswIndex.open(indexFile,
        mmap ? OpenOptions.MEMORY_MAPPED.withVerifyChecksum(verify) : OpenOptions.DEFAULT)) {
      if (queries[0].length != index.dimension()) {
        throw new CliException("the query has dimension " + queries[0].length + " but "
            + indexFile + " has dimension " + index.dimension());
      }
      checkFinite(queries);
      int beam = ef != null ? ef : index.defaultEf();
      index.searchPatience(patience);
      index.searchEpsilon(epsilon);
      print(parent.out, queries, i -> index.search(queries[i], k, beam));
    }
    return 0;
  }

  interface Searcher {
    List<SearchResult> search(int query);
  }

  private void print(PrintStream out, float[][] queries, Searcher searcher) {
    switch (output) {
      case TABLE -> out.printf("%6s %5s %12s %14s%n", "query", "rank", "id", "distance");
      case CSV -> out.println("query,rank,id,distance");
      case JSON -> out.println("[");
    }
    for (int q = 0; q < queries.length; q++) {
      List<SearchResult> hits = searcher.search(q);
      if (output == Output.JSON) {
        StringBuilder line = new StringBuilder("  {\"query\": " + q + ", \"results\": [");
        for (int r = 0; r < hits.size(); r++) {
          line.append(r > 0 ? ", " : "").append(String.format(Locale.ROOT,
              "{\"id\": %d, \"distance\": %s}", hits.get(r).id(), hits.get(r).distance()));
        }
        out.println(line.append("]}").append(q + 1 < queries.length ? "," : ""));
        continue;
      }
      for (int r = 0; r < hits.size(); r++) {
        SearchResult hit = hits.get(r);
        out.println(output == Output.CSV
            ? String.format(Locale.ROOT, "%d,%d,%d,%s", q, r + 1, hit.id(), hit.distance())
            : String.format(Locale.ROOT, "%6d %5d %12d %14.6g", q, r + 1, hit.id(),
                hit.distance()));
      }
    }
    if (output == Output.JSON) {
      out.println("]");
    }
  }

  // Before any output, so that a bad query leaves no half-printed results.
  private static void checkFinite(float[][] queries) {
    for (int q = 0; q < queries.length; q++) {
      for (int j = 0; j < queries[q].length; j++) {
        if (!Float.isFinite(queries[q][j])) {
          throw new CliException("query " + q + " component " + j + " is " + queries[q][j]
              + "; components must be finite");
        }
      }
    }
  }

  static float[] parseVector(String text) {
    String[] parts = text.trim().replaceAll("^\\[|]$", "").split("[,\\s]+");
    float[] vector = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        vector[i] = Float.parseFloat(parts[i]);
      } catch (NumberFormatException e) {
        throw new CliException("--vector: component " + i + " is not a number: '" + parts[i] + "'");
      }
    }
    return vector;
  }
}
