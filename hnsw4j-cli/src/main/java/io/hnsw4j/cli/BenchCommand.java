package io.hnsw4j.cli;

import io.hnsw4j.cli.bench.BenchJob;
import io.hnsw4j.cli.bench.BenchOptions;
import io.hnsw4j.cli.bench.Hnsw4jLibrary;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code hnsw4j bench}: recall against QPS of hnsw4j on one dataset. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measures build time (1 and N threads), memory, and for each ef recall@k, QPS"
        + " (1 and N threads) and latency; writes results.csv, results.md and plot.png.")
final class BenchCommand implements Callable<Integer> {
  @ParentCommand Hnsw4jCommand parent;

  @Mixin BenchOptions options;

  @Override
  public Integer call() throws Exception {
    new BenchJob(options, parent.out, parent.progress()).run(List.of(new Hnsw4jLibrary()));
    return 0;
  }
}
