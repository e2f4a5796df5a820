package dev.verity.kernel.sweep;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The live table of a sweep: each run's status, stage, steps done there, accuracy and latest evaluation. */
public final class ProgressTable {
  private ProgressTable() {}

  public static Table of(String title, List<RunProgress> runs) {
    return Table.create(title,
        StringColumn.create("run", runs.stream().map(RunProgress::id)),
        StringColumn.create("status", runs.stream().map(r -> r.status().label())),
        StringColumn.create("stage", runs.stream().map(RunProgress::stage)),
        LongColumn.create("step", runs.stream().mapToLong(RunProgress::steps)),
        DoubleColumn.create("accuracy", runs.stream().mapToDouble(RunProgress::accuracy)),
        DoubleColumn.create("eval_accuracy", runs.stream().mapToDouble(RunProgress::evalAccuracy)));
  }

  /** {@code 3 done, 1 running, 2 pending}: the count of runs in each state, in the states' order. */
  public static String counts(List<RunProgress> runs) {
    StringBuilder out = new StringBuilder();
    for (RunState state : RunState.values()) {
      long n = runs.stream().filter(r -> r.status() == state).count();
      if (n > 0) {
        out.append(out.length() == 0 ? "" : ", ").append(n).append(' ').append(state.label());
      }
    }
    return out.toString();
  }
}
