package dev.verity.kernel.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.report.Chart;
import dev.verity.engine.report.Series;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** A chart's legend never covers its data, and its series' colours are told apart at a glance. */
class ChartLayoutTest {
  private final ChartRenderer renderer = new ChartRenderer(ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT);

  /** The algorithms notebook's stage names: the longest legend a committed notebook draws. */
  private static final List<String> NAMES = List.of("reinforce_gm", "k15_md", "grpo_run", "rloo_run", "dr_grpo_run",
      "no_baseline", "reinforce_kl", "stage_7");

  /** {@code n} series over steps 0..50, as a comparison of n stages plots them. */
  private static Chart chart(int n) {
    List<Series> series = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = new double[51];
      double[] y = new double[51];
      for (int step = 0; step <= 50; step++) {
        x[step] = step;
        y[step] = Math.min(1, 0.02 * step * (1 + 0.1 * i)); // rising from the bottom-left, as accuracy does
      }
      series.add(new Series(NAMES.get(i), x, y));
    }
    return new Chart("accuracy by step", "step", "accuracy", series);
  }

  /** Draws the chart as the PNG encoder does, so XChart lays out its parts. */
  private XYChart painted(Chart chart) {
    XYChart xy = renderer.xyChart(chart);
    BufferedImage image = new BufferedImage(xy.getWidth(), xy.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    xy.paint(g, xy.getWidth(), xy.getHeight());
    g.dispose();
    return xy;
  }

  /** A laid-out part of the chart; XChart keeps its parts in protected fields. */
  private static Object part(XYChart xy, String name) throws ReflectiveOperationException {
    Field field = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(xy);
  }

  private static Rectangle2D plotBounds(XYChart xy) throws ReflectiveOperationException {
    Object plot = part(xy, "plot");
    return (Rectangle2D) plot.getClass().getMethod("getBounds").invoke(plot);
  }

  /** Where the legend was drawn: its public bounds give only its size, its offsets (set by paint) the place. */
  private static Rectangle2D legendBounds(XYChart xy) throws ReflectiveOperationException {
    Object legend = part(xy, "legend");
    Rectangle2D size = (Rectangle2D) legend.getClass().getMethod("getBounds").invoke(legend);
    return new Rectangle2D.Double(offset(legend, "xOffset"), offset(legend, "yOffset"), size.getWidth(),
        size.getHeight());
  }

  private static double offset(Object legend, String name) throws ReflectiveOperationException {
    Field field = org.knowm.xchart.internal.chartpart.Legend_.class.getDeclaredField(name);
    field.setAccessible(true);
    return field.getDouble(legend);
  }

  @Test
  void theLegendLiesOutsideThePlottingAreaAndWithinTheImage() throws ReflectiveOperationException {
    Rectangle2D image = new Rectangle2D.Double(0, 0, ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT);
    for (int n = 2; n <= NAMES.size(); n++) {
      XYChart xy = painted(chart(n));
      Rectangle2D plot = plotBounds(xy);
      Rectangle2D legend = legendBounds(xy);
      assertTrue(legend.getWidth() > 0 && legend.getHeight() > 0, "a legend is drawn for " + n + " series");
      assertFalse(legend.intersects(plot), n + " series: legend " + legend + " overlaps the plot " + plot);
      assertTrue(image.contains(legend), n + " series: legend " + legend + " runs off the image");
      assertTrue(plot.getWidth() > 0.6 * ChartRenderer.DEFAULT_WIDTH, n + " series: the plot keeps most of the"
          + " width: " + plot);
      assertTrue(plot.getHeight() > 0.6 * ChartRenderer.DEFAULT_HEIGHT, n + " series: and most of the height: "
          + plot);
    }
  }

  @Test
  void seriesColoursAreFarApartInPerceivedColour() {
    XYChart xy = painted(chart(8));
    List<Color> colours = xy.getSeriesMap().values().stream().map(XYSeries::getLineColor).toList();
    for (int i = 0; i < colours.size(); i++) {
      for (int j = i + 1; j < colours.size(); j++) {
        double distance = deltaE(colours.get(i), colours.get(j));
        assertTrue(distance >= 30, "series " + i + " " + colours.get(i) + " and " + j + " " + colours.get(j)
            + " are only ΔE " + Math.round(distance) + " apart");
      }
    }
  }

  @Test
  void everySeriesColourStandsOutFromTheWhiteBackground() {
    XYChart xy = painted(chart(8));
    for (XYSeries series : xy.getSeriesMap().values()) {
      Color c = series.getLineColor();
      double contrast = 1.05 / (luminance(c) + 0.05); // WCAG contrast ratio against white
      assertTrue(contrast >= 2, series.getName() + " " + c + " has contrast " + contrast + " on white");
    }
  }

  private static double luminance(Color c) {
    return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
  }

  /** CIE76 colour difference: Euclidean distance in CIELAB (D65); about 2 is just noticeable, 30 plainly distinct. */
  static double deltaE(Color a, Color b) {
    double[] p = lab(a);
    double[] q = lab(b);
    return Math.sqrt(Math.pow(p[0] - q[0], 2) + Math.pow(p[1] - q[1], 2) + Math.pow(p[2] - q[2], 2));
  }

  private static double[] lab(Color c) {
    double r = linear(c.getRed());
    double g = linear(c.getGreen());
    double b = linear(c.getBlue());
    double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    return new double[] {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
  }

  private static double linear(int channel) {
    double v = channel / 255.0;
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }

  private static double f(double t) {
    return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
  }
}
