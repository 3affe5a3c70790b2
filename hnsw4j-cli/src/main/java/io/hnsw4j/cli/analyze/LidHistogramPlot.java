package io.hnsw4j.cli.analyze;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The LID histogram of {@code hnsw4j analyze --png}: one bar per bin. */
public final class LidHistogramPlot {
  private LidHistogramPlot() {}

  /** Draws the histogram into a PNG file. */
  public static void write(Path file, LidHistogram histogram, String title) throws IOException {
    System.setProperty("java.awt.headless", "true");
    CategoryChart chart = new CategoryChartBuilder()
        .width(1000)
        .height(600)
        .title(title)
        .xAxisTitle("local intrinsic dimensionality (MLE)")
        .yAxisTitle("points")
        .build();
    Styler.ChartTheme theme = Styler.ChartTheme.Matlab;
    chart.getStyler().setTheme(theme.newInstance(theme));
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(0xdd, 0xdd, 0xdd));
    chart.getStyler().setAvailableSpaceFill(0.95);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
    chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    List<String> labels = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (int i = 0; i < histogram.counts().length; i++) {
      labels.add(histogram.label(i));
      counts.add(histogram.counts()[i]);
    }
    chart.addSeries("points", labels, counts).setFillColor(new Color(0x1f, 0x77, 0xb4));
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }
}
