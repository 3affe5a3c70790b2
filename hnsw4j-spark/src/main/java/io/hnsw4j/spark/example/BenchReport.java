package io.hnsw4j.spark.example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The benchmark's results as a Markdown table and a CSV file. */
final class BenchReport {
  private BenchReport() {}

  static void write(Path dir, List<BenchCommand.Result> results, int k) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("| task | method | setting | recall@").append(k).append(" | wall time (s) | notes |\n");
    md.append("|---|---|---|---:|---:|---|\n");
    StringBuilder csv = new StringBuilder("task,method,setting,recall,seconds,timed_out,note\n");
    for (BenchCommand.Result r : results) {
      String recall = Double.isNaN(r.recall()) ? "-" : String.format(Locale.ROOT, "%.4f", r.recall());
      String seconds = String.format(Locale.ROOT, "%.1f", r.seconds());
      md.append("| ").append(r.task()).append(" | ").append(r.method()).append(" | ").append(r.setting())
          .append(" | ").append(recall).append(" | ").append(r.timedOut() ? "> " + seconds + " (stopped)" : seconds)
          .append(" | ").append(r.note()).append(" |\n");
      csv.append(String.join(",", r.task(), r.method(), r.setting().replace(' ', ';'), recall, seconds,
          String.valueOf(r.timedOut()), r.note().replace(',', ';'))).append('\n');
    }
    Files.writeString(dir.resolve("results.md"), md);
    Files.writeString(dir.resolve("results.csv"), csv);
  }
}
