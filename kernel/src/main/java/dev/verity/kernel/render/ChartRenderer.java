package dev.verity.kernel.render;

import dev.verity.engine.report.Chart;
import dev.verity.engine.report.Series;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Base64;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A chart as a PNG drawn by XChart (needs {@code java.awt.headless=true} on a server and a font, Debian's
 * fonts-dejavu-core), with a text summary as fallback. A chart with no points yet is text only.
 */
public final class ChartRenderer implements Renderer<Chart> {
  public static final int DEFAULT_WIDTH = 640;
  public static final int DEFAULT_HEIGHT = 400;

  private static final String EN_SPACE = "\u2002";

  /**
   * Okabe and Ito's colour-blind-safe palette without its yellow (faint on white), a dark purple and grey: each
   * pair at least ΔE 30 apart, each at least 2:1 on white (ChartLayoutTest). XChart's default puts a yellow beside
   * an orange, and light pinks and greys that vanish on white.
   */
  static final Color[] SERIES_COLORS = {
    new Color(0x0072B2), // blue
    new Color(0xD55E00), // vermilion
    new Color(0x009E73), // bluish green
    new Color(0xCC79A7), // reddish purple
    new Color(0xE69F00), // orange
    new Color(0x6A3D9A), // dark purple (in place of Okabe–Ito's sky blue, too close to the blue)
    new Color(0x000000), // black
    new Color(0x7F7F7F), // grey
  };

  private final int width;
  private final int height;

  public ChartRenderer(int width, int height) {
    this.width = width;
    this.height = height;
  }

  @Override
  public MimeBundle render(Chart chart) {
    String text = summary(chart);
    if (chart.series().stream().allMatch(s -> s.size() == 0)) {
      return MimeBundle.text(text);
    }
    return MimeBundle.of(MimeBundle.PNG, Base64.getEncoder().encodeToString(png(chart)), text);
  }

  private byte[] png(Chart chart) {
    XYChart xy = xyChart(chart);
    try {
      return BitmapEncoder.getBitmapBytes(xy, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the chart '" + chart.title() + "' as PNG", e);
    }
  }

  /** The XChart chart drawn for {@code chart}: its styler and series. */
  XYChart xyChart(Chart chart) {
    XYChart xy = new XYChartBuilder().width(width).height(height)
        .title(chart.title()).xAxisTitle(chart.xLabel()).yAxisTitle(chart.yLabel()).build();
    xy.getStyler().setLegendVisible(chart.series().size() > 1);
    // never over the data (inside the plot it covered the early steps): below it in a row when the names fit,
    // so the plot keeps the full width, else in a column on the right
    boolean below = legendRowFits(chart, xy.getStyler());
    xy.getStyler().setLegendPosition(below ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE);
    xy.getStyler().setLegendLayout(below ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
    xy.getStyler().setLegendBorderColor(Color.WHITE);
    xy.getStyler().setSeriesColors(SERIES_COLORS);
    xy.getStyler().setChartBackgroundColor(Color.WHITE);
    // On equally spaced x (steps) XChart puts ticks on data points as densely as the labels just fit, so they
    // touch ("104112120"); labels padded with an en space each side are measured wider and keep a gap. Whole
    // numbers are printed without grouping (1074, not 1,074).
    DecimalFormat format = new DecimalFormat(integralX(chart) ? "#" : "#.##", DecimalFormatSymbols.getInstance(
        Locale.ROOT));
    xy.getStyler().setxAxisTickLabelsFormattingFunction(x -> EN_SPACE + format.format(x) + EN_SPACE);
    for (Series series : chart.series()) {
      if (series.size() > 0) {
        XYSeries line = xy.addSeries(series.name(), series.x(), series.y());
        if (byStepOrLevel(chart)) {
          line.setMarker(SeriesMarkers.NONE);
          line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        } else { // e.g. accuracy by response length: points in time order, which a line would zigzag through
          line.setMarker(SeriesMarkers.CIRCLE);
          line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        line.setYAxisGroup(series.secondary() ? 1 : 0);
      }
    }
    if (chart.hasSecondaryAxis()) {
      xy.setYAxisGroupTitle(0, chart.yLabel());
      xy.setYAxisGroupTitle(1, chart.y2Label());
      xy.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    }
    return xy;
  }

  /**
   * Whether the legend's entries fit in one row below the plot: each is a line sample, the name and paddings, as
   * XChart lays them out, with a tenth of the width to spare.
   */
  private boolean legendRowFits(Chart chart, Styler styler) {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      FontMetrics metrics = g.getFontMetrics(styler.getLegendFont());
      int row = styler.getLegendPadding();
      for (Series series : chart.series()) {
        row += styler.getLegendSeriesLineLength() + 3 * styler.getLegendPadding() + metrics.stringWidth(series.name());
      }
      return row <= 0.9 * width;
    } finally {
      g.dispose();
    }
  }

  /** Whether x is an ordered axis (steps, levels) that lines can follow. */
  private static boolean byStepOrLevel(Chart chart) {
    return chart.xLabel().equals("step") || chart.xLabel().equals("level");
  }

  /** Whether every x is a whole number (steps, levels), so tick labels need no decimals. */
  private static boolean integralX(Chart chart) {
    for (Series series : chart.series()) {
      for (double x : series.x()) {
        if (x != Math.rint(x)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Title and axes, then per series its size and last point: what a console or a text diff can show. */
  static String summary(Chart chart) {
    StringBuilder out = new StringBuilder(chart.title());
    String axes = chart.yLabel() + " by " + chart.xLabel();
    if (!chart.title().contains(axes)) { // a plot's title names its axes already: say them once
      out.append(" (").append(axes).append(')');
    }
    for (Series series : chart.series()) {
      out.append("\n  ").append(series.name()).append(": ").append(series.size())
          .append(series.size() == 1 ? " point" : " points");
      if (series.size() > 0) {
        int last = series.size() - 1;
        out.append(String.format(Locale.ROOT, ", last (%s, %s)", number(series.x()[last]), number(series.y()[last])));
      }
    }
    return out.toString();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
  }
}
