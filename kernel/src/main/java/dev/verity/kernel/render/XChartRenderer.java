package dev.verity.kernel.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** A chart a Java cell built with XChart, as the PNG XChart draws at the chart's own size, its title as text. */
@SuppressWarnings("rawtypes") // XChart's charts are generic in their styler and series; any will do
public final class XChartRenderer implements Renderer<Chart> {

  /** {@code renderers} with this renderer for every XChart chart (XYChart, CategoryChart, PieChart, …). */
  static Renderers addTo(Renderers renderers) {
    return renderers.with(Chart.class, new XChartRenderer());
  }

  @Override
  public MimeBundle render(Chart chart) {
    String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "chart" : chart.getTitle();
    String text = title + " (" + chart.getClass().getSimpleName() + ", " + chart.getWidth() + "x"
        + chart.getHeight() + ")";
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return MimeBundle.of(MimeBundle.PNG, Base64.getEncoder().encodeToString(png), text);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the chart '" + title + "' as PNG", e);
    }
  }
}
