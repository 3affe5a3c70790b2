package io.hnsw4j.cli.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The ann-benchmarks picture: recall@k on the x axis, single-thread queries per second on a
 * logarithmic y axis, one curve per library; up and to the right is better.
 */
public final class RecallQpsPlot {
  private static final Color[] COLORS = {
    new Color(0xd6, 0x27, 0x28), new Color(0x1f, 0x77, 0xb4), new Color(0x2c, 0xa0, 0x2c),
    new Color(0xff, 0x7f, 0x0e), new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b),
    new Color(0x17, 0xbe, 0xcf)
  };
  private static final Marker[] MARKERS = {
    SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
    SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS
  };

  private RecallQpsPlot() {}

  /** Draws the rows (any number of libraries) into a PNG file. */
  public static void write(Path file, List<BenchRow> rows, String title) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BenchRow first = rows.getFirst();
    XYChart chart = new XYChartBuilder()
        .width(1000)
        .height(700)
        .title(title)
        .xAxisTitle("Recall@" + first.k() + "  (better \u2192)")
        .yAxisTitle("Queries per second, 1 thread, log scale  (better \u2192)")
        .build();
    Styler.ChartTheme theme = Styler.ChartTheme.Matlab;
    chart.getStyler().setTheme(theme.newInstance(theme));
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
    chart.getStyler().setLegendBackgroundColor(new Color(255, 255, 255, 220));
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(0xdd, 0xdd, 0xdd));
    chart.getStyler().setMarkerSize(9);
    chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
    chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    chart.getStyler().setXAxisDecimalPattern("0.00");
    chart.getStyler().setYAxisDecimalPattern("#,##0");
    double minRecall = rows.stream().mapToDouble(BenchRow::recall).min().orElse(0);
    chart.getStyler().setXAxisMin(Math.max(0, Math.floor(minRecall * 20) / 20));
    chart.getStyler().setXAxisMax(1.0);
    // A log axis labels only powers of ten: span whole decades so at least two are labelled.
    double minQps = rows.stream().mapToDouble(BenchRow::qps1t).filter(q -> q > 0).min().orElse(1);
    double maxQps = rows.stream().mapToDouble(BenchRow::qps1t).max().orElse(10);
    chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(minQps))));
    chart.getStyler().setYAxisMax(Math.pow(10, Math.max(Math.ceil(Math.log10(maxQps)),
        Math.floor(Math.log10(minQps)) + 1)));

    int i = 0;
    for (Map.Entry<String, List<BenchRow>> e : MarkdownReport.byLibrary(rows).entrySet()) {
      List<BenchRow> curve = new ArrayList<>(e.getValue());
      curve.sort((a, b) -> Integer.compare(a.ef(), b.ef()));
      double[] x = curve.stream().mapToDouble(BenchRow::recall).toArray();
      double[] y = curve.stream().mapToDouble(r -> Math.max(r.qps1t(), 1e-3)).toArray();
      XYSeries series = chart.addSeries(e.getKey(), x, y);
      series.setMarker(MARKERS[i % MARKERS.length]);
      series.setMarkerColor(COLORS[i % COLORS.length]);
      series.setLineColor(COLORS[i % COLORS.length]);
      series.setLineStyle(new BasicStroke(2f));
      i++;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }
}
