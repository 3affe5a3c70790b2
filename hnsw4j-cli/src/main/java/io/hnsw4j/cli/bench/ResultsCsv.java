package io.hnsw4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** results.csv: a header row, then one row per (library, ef). */
public final class ResultsCsv {
  /** The columns, in order: scripts read them by these names. */
  public static final String HEADER =
      "library,dataset,metric,n,dim,m,ef_construction,ef,k,recall,qps_1t,qps_nt,p50_ms,p99_ms,"
          + "build_s_1t,build_s_nt,memory_bytes,distances_per_query,hops_per_query,bytes_per_query,"
          + "bandwidth_gb_s,limit_qps";
  /** The columns files written before the work columns lack; they read as unknown (-1). */
  private static final int REQUIRED = 17;

  private ResultsCsv() {}

  public static void write(Path file, List<BenchRow> rows) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    for (BenchRow r : rows) {
      AnnLibrary.SearchWork w = r.work();
      lines.add(String.format(Locale.ROOT,
          "%s,%s,%s,%d,%d,%d,%d,%d,%d,%.4f,%.1f,%.1f,%.4f,%.4f,%.3f,%.3f,%d,%.1f,%.1f,%.0f,%.2f,%.0f",
          field(r.library()), field(r.dataset()), field(r.metric()), r.n(), r.dim(), r.m(),
          r.efConstruction(), r.ef(), r.k(), r.recall(), r.qps1t(), r.qpsNt(), r.p50Ms(),
          r.p99Ms(), r.buildS1t(), r.buildSNt(), r.memoryBytes(), w.distances(), w.hops(),
          w.bytes(), r.bandwidthGBs(), r.limitQps()));
    }
    Files.write(file, lines);
  }

  /** Reads a file written by {@link #write} (or before the work columns); columns are found by name. */
  public static List<BenchRow> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty()) {
      throw new IOException(file + ": empty, expected a header row");
    }
    List<String> names = List.of(lines.getFirst().split(","));
    String[] wanted = HEADER.split(",");
    int[] at = new int[wanted.length];
    for (int i = 0; i < wanted.length; i++) {
      at[i] = names.indexOf(wanted[i]);
      if (at[i] < 0 && i < REQUIRED) {
        throw new IOException(file + ": no column '" + wanted[i] + "'");
      }
    }
    List<BenchRow> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] c = line.split(",", -1);
      AnnLibrary.SearchWork work = new AnnLibrary.SearchWork(
          optional(c, at[17]), optional(c, at[18]), optional(c, at[19]));
      rows.add(new BenchRow(c[at[0]], c[at[1]], c[at[2]], Integer.parseInt(c[at[3]]),
          Integer.parseInt(c[at[4]]), Integer.parseInt(c[at[5]]), Integer.parseInt(c[at[6]]),
          Integer.parseInt(c[at[7]]), Integer.parseInt(c[at[8]]), Double.parseDouble(c[at[9]]),
          Double.parseDouble(c[at[10]]), Double.parseDouble(c[at[11]]),
          Double.parseDouble(c[at[12]]), Double.parseDouble(c[at[13]]),
          Double.parseDouble(c[at[14]]), Double.parseDouble(c[at[15]]),
          Long.parseLong(c[at[16]]), work, optional(c, at[20])));
    }
    return rows;
  }

  private static double optional(String[] cells, int at) {
    return at < 0 ? -1 : Double.parseDouble(cells[at]);
  }

  // Names are plain words; a comma would break the columns, so it is replaced.
  private static String field(String value) {
    return value.replace(',', ';');
  }
}
