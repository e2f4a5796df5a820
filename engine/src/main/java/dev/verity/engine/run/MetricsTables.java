package dev.verity.engine.run;

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
    List<String> columns = StepMetrics.COLUMNS;
    for (int c = 1; c < columns.size(); c++) {
      int i = c - 1; // index into values(), which starts at step
      table.addColumns(DoubleColumn.create(columns.get(c), rows.stream().mapToDouble(r -> r.values()[i])));
    }
    return table;
  }
}
