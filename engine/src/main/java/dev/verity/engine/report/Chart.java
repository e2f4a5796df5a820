package dev.verity.engine.report;

import java.util.List;

/**
 * A line chart of one or more series over a shared x axis, such as accuracy by step. Series marked
 * {@link Series#secondary()} use a second y axis on the right, labelled {@code y2Label}, so quantities of
 * different scales (accuracy and response length) share one chart.
 */
public record Chart(String title, String xLabel, String yLabel, String y2Label, List<Series> series) {
  public Chart {
    series = List.copyOf(series);
  }

  /** A chart with one y axis. */
  public Chart(String title, String xLabel, String yLabel, List<Series> series) {
    this(title, xLabel, yLabel, "", series);
  }

  public boolean hasSecondaryAxis() {
    return series.stream().anyMatch(Series::secondary);
  }
}
