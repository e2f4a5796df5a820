package dev.verity.engine.eval;

import dev.verity.engine.metric.Metric;
import java.util.ArrayList;
import java.util.List;

/**
 * An evaluation of a policy on a frozen set: overall figures and one row per difficulty level. Lengths are in
 * tokens without the end marker; pass@k is the share of problems with at least one right answer among k.
 */
public record EvalReport(
    String stage, long step, String task, int k, Figures overall, List<LevelFigures> levels) {

  public record LevelFigures(int level, Figures figures) {}

  /** The column names of eval.csv, in order: the overall figures of {@link Metric#evalOverall()}. */
  public static final List<String> COLUMNS = columns();

  private static List<String> columns() {
    List<String> out = new ArrayList<>(List.of("stage", "step", "task"));
    Metric.evalOverall().forEach(m -> out.add(m.id()));
    return List.copyOf(out);
  }
}
