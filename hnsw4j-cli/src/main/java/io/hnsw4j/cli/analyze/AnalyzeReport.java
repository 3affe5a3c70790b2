package io.hnsw4j.cli.analyze;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hnsw4j.DataDiagnostics;
import io.hnsw4j.Distribution;
import io.hnsw4j.Hubness;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** What {@code hnsw4j analyze} prints: as text for people, or as JSON. */
public final class AnalyzeReport {
  private static final double[] QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};
  private static final int BAR_WIDTH = 40;

  private final AnalyzedData data;
  private final DataDiagnostics diagnostics;
  private final LidHistogram histogram;
  private final List<String> advice;

  /** A report of the diagnostics, with the LID histogram in {@code bins} bars. */
  public AnalyzeReport(AnalyzedData data, DataDiagnostics diagnostics, int bins) {
    this.data = data;
    this.diagnostics = diagnostics;
    this.histogram = LidHistogram.of(diagnostics.lid(), bins);
    this.advice = AnalyzeAdvice.lines(diagnostics);
  }

  /** The LID histogram. */
  public LidHistogram histogram() {
    return histogram;
  }

  /** Prints the report as aligned text with the histogram drawn in characters. */
  public void printText(PrintStream out) {
    DataDiagnostics d = diagnostics;
    Distribution norms = d.norms();
    Distribution lid = d.lid();
    Hubness h = d.hubness();
    out.printf(Locale.ROOT, "file           %s (%s)%n", data.name(), data.kind());
    out.printf(Locale.ROOT, "vectors        %d of dimension %d%n", d.size(), d.dimension());
    out.printf(Locale.ROOT, "metric         %s (%s)%n", d.metric(), data.metricSource());
    out.printf(Locale.ROOT, "norms          min %.4g, mean %.4g, max %.4g%n", norms.min(), norms.mean(), norms.max());
    out.printf(Locale.ROOT, "sample         %d points, k = %d exact nearest neighbours each%n", d.sampleSize(), d.k());
    out.printf(Locale.ROOT, "LID            mean %.2f, min %.2f, max %.2f%s%n", lid.mean(), lid.min(), lid.max(),
        lid.undefined() > 0 ? ", undefined for " + lid.undefined() + " (only copies among the neighbours)" : "");
    StringBuilder quantiles = new StringBuilder("LID quantiles ");
    for (double q : QUANTILES) {
      quantiles.append(String.format(Locale.ROOT, " p%02d %.2f", Math.round(q * 100), lid.quantile(q)));
    }
    out.println(quantiles);
    printHistogram(out);
    out.printf(Locale.ROOT, "hubness        skewness of N_%d %.2f; anti-hubs (N_%d = 0) %.1f%%; largest N_%d %d"
        + " (among the %d sampled points)%n", h.k(), h.skewness(), h.k(), 100 * h.antiHubFraction(), h.k(),
        h.maxOccurrence(), h.points());
    out.println();
    out.println("what this means for M and ef");
    for (String line : advice) {
      out.println("  - " + line);
    }
  }

  private void printHistogram(PrintStream out) {
    long[] counts = histogram.counts();
    long max = 1;
    for (long c : counts) {
      max = Math.max(max, c);
    }
    int width = 0;
    for (int i = 0; i < counts.length; i++) {
      width = Math.max(width, histogram.label(i).length());
    }
    for (int i = 0; i < counts.length; i++) {
      int bar = (int) Math.round((double) BAR_WIDTH * counts[i] / max);
      out.printf(Locale.ROOT, "  %" + width + "s |%-" + BAR_WIDTH + "s %d%n", histogram.label(i),
          "#".repeat(bar), counts[i]);
    }
  }

  /** Prints the report as one JSON object (non-finite numbers as null). */
  public void printJson(PrintStream out) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    DataDiagnostics d = diagnostics;
    root.put("file", data.name());
    root.put("kind", data.kind());
    root.put("size", d.size());
    root.put("dimension", d.dimension());
    root.put("metric", d.metric().name());
    ObjectNode norms = root.putObject("norms");
    number(norms, "min", d.norms().min());
    number(norms, "mean", d.norms().mean());
    number(norms, "max", d.norms().max());
    ObjectNode lid = root.putObject("lid");
    lid.put("k", d.k());
    lid.put("sample", d.sampleSize());
    lid.put("undefined", d.lid().undefined());
    number(lid, "mean", d.lid().mean());
    number(lid, "min", d.lid().min());
    number(lid, "max", d.lid().max());
    ObjectNode quantiles = lid.putObject("quantiles");
    for (double q : QUANTILES) {
      number(quantiles, String.format(Locale.ROOT, "p%02d", Math.round(q * 100)), d.lid().quantile(q));
    }
    ObjectNode bins = lid.putObject("histogram");
    ArrayNode edges = bins.putArray("edges");
    ArrayNode counts = bins.putArray("counts");
    for (int i = 0; i < histogram.counts().length; i++) {
      edges.add(histogram.edge(i));
      counts.add(histogram.counts()[i]);
    }
    edges.add(histogram.high());
    bins.put("lastBinHoldsValuesAbove", histogram.open());
    ObjectNode hubness = root.putObject("hubness");
    hubness.put("k", d.hubness().k());
    hubness.put("points", d.hubness().points());
    number(hubness, "skewness", d.hubness().skewness());
    hubness.put("maxOccurrence", d.hubness().maxOccurrence());
    number(hubness, "antiHubFraction", d.hubness().antiHubFraction());
    ArrayNode adviceNode = root.putArray("advice");
    advice.forEach(adviceNode::add);
    try {
      out.println(mapper.writeValueAsString(root));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }
}
