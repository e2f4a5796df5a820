package dev.verity.kernel.render;

import dev.verity.kernel.sweep.BandChart;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A {@link BandChart} as a PNG drawn by XChart: each variant's mean as a line over its 95% band, a translucent
 * polygon in the line's colour (XChart's {@code PolygonArea}); the legend names the lines. Text: per variant its
 * points and last mean with its interval.
 */
public final class BandChartRenderer implements Renderer<BandChart> {
  private static final int BAND_ALPHA = 60;

  @Override
  public MimeBundle render(BandChart chart) {
    String text = summary(chart);
    if (chart.bands().stream().allMatch(b -> b.size() == 0)) {
      return MimeBundle.text(text);
    }
    return MimeBundle.of(MimeBundle.PNG, Base64.getEncoder().encodeToString(png(chart)), text);
  }

  /** The chart as PNG bytes. */
  public byte[] png(BandChart chart) {
    XYChart xy = new XYChartBuilder().width(ChartRenderer.DEFAULT_WIDTH).height(ChartRenderer.DEFAULT_HEIGHT)
        .title(chart.title()).xAxisTitle(chart.xLabel()).yAxisTitle(chart.yLabel()).build();
    xy.getStyler().setLegendVisible(chart.bands().size() > 1);
    xy.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    xy.getStyler().setChartBackgroundColor(Color.WHITE);
    Color[] colors = xy.getStyler().getSeriesColors();
    // every band first, then every line, so no band covers another variant's line
    for (int i = 0; i < chart.bands().size(); i++) {
      addBand(xy, chart.bands().get(i), colors[i % colors.length]);
    }
    for (int i = 0; i < chart.bands().size(); i++) {
      BandChart.Band band = chart.bands().get(i);
      if (band.size() == 0) {
        continue;
      }
      Color color = colors[i % colors.length];
      XYSeries line = xy.addSeries(band.name(), band.x(), band.mean());
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      line.setMarker(band.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      line.setLineColor(color);
      line.setMarkerColor(color);
    }
    try {
      return BitmapEncoder.getBitmapBytes(xy, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the chart '" + chart.title() + "' as PNG", e);
    }
  }

  /** The band as a closed polygon: along the upper bounds, then back along the lower; unknown points left out. */
  private static void addBand(XYChart xy, BandChart.Band band, Color color) {
    List<double[]> known = new ArrayList<>();
    for (int i = 0; i < band.size(); i++) {
      if (Double.isFinite(band.low()[i]) && Double.isFinite(band.high()[i])) {
        known.add(new double[] {band.x()[i], band.low()[i], band.high()[i]});
      }
    }
    if (known.size() < 2) {
      return;
    }
    int n = known.size();
    double[] x = new double[2 * n];
    double[] y = new double[2 * n];
    for (int i = 0; i < n; i++) {
      x[i] = known.get(i)[0];
      y[i] = known.get(i)[2];
      x[2 * n - 1 - i] = known.get(i)[0];
      y[2 * n - 1 - i] = known.get(i)[1];
    }
    XYSeries area = xy.addSeries(band.name() + " (95% CI)", x, y);
    area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    area.setMarker(SeriesMarkers.NONE);
    area.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), BAND_ALPHA));
    area.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
    area.setShowInLegend(false);
  }

  /** Title, then per variant: its points and its last mean with the interval. */
  static String summary(BandChart chart) {
    StringBuilder out = new StringBuilder(chart.title());
    for (BandChart.Band band : chart.bands()) {
      out.append("\n  ").append(band.name()).append(": ").append(band.size())
          .append(band.size() == 1 ? " point" : " points");
      if (band.size() > 0) {
        int last = band.size() - 1;
        out.append(String.format(Locale.ROOT, ", last %s at %s %s", NumberText.of(band.mean()[last]),
            chart.xLabel(), NumberText.of(band.x()[last])));
        if (Double.isFinite(band.low()[last])) {
          out.append(String.format(Locale.ROOT, " (95%% CI %s to %s)", NumberText.of(band.low()[last]),
              NumberText.of(band.high()[last])));
        }
      }
    }
    return out.toString();
  }
}
