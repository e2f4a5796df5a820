package dev.verity.engine.report;

import java.util.List;

/** A line chart of one or more series over a shared x axis, such as accuracy by step. */
public record Chart(String title, String xLabel, String yLabel, List<Series> series) {
  public Chart {
    series = List.copyOf(series);
  }
}
