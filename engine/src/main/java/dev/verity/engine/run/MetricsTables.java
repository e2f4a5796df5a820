package dev.verity.engine.run;

import dev.verity.engine.metric.Metric;
import dev.verity.engine.train.StepMetrics;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Metrics rows as a Tablesaw table for {@code table metrics} and plots: stage as text, every other column double. */
public final class MetricsTables {
  private MetricsTables() {}

  /** A table named "metrics" with the columns of {@link StepMetrics#COLUMNS}; NaN shows as a missing value. */
  public static Table of(List<StepMetrics> rows) {
    Table table = Table.create("metrics", StringColumn.create("stage", rows.stream().map(StepMetrics::stage)));
    table.addColumns(DoubleColumn.create("step", rows.stream().mapToDouble(StepMetrics::step)));
    for (Metric metric : Metric.step()) {
      table.addColumns(DoubleColumn.create(metric.id(), rows.stream().mapToDouble(r -> r.get(metric))));
    }
    return table;
  }
}
