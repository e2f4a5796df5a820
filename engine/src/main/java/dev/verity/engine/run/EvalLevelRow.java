package dev.verity.engine.run;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.Figures;
import dev.verity.engine.metric.Metric;
import java.util.ArrayList;
import java.util.List;

/** One row of eval_levels.csv: an evaluation's figures on the problems of one difficulty level. */
public record EvalLevelRow(String stage, long step, String task, int level, Figures figures) {

  /** The column names of eval_levels.csv, in order. */
  public static final List<String> COLUMNS = columns();

  /** The per-level rows of {@code report}, in its order. */
  public static List<EvalLevelRow> of(EvalReport report) {
    return report.levels().stream()
        .map(l -> new EvalLevelRow(report.stage(), report.step(), report.task(), l.level(), l.figures()))
        .toList();
  }

  public int problems() {
    return figures.problems();
  }

  public double get(Metric metric) {
    return figures.get(metric);
  }

  private static List<String> columns() {
    List<String> out = new ArrayList<>(List.of("stage", "step", "task", "level", "problems"));
    Metric.eval().forEach(m -> out.add(m.id()));
    return List.copyOf(out);
  }
}
