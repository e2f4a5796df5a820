package dev.verity.engine.eval;

import dev.verity.engine.metric.Metric;
import java.util.ArrayList;
import java.util.List;

/**
 * An evaluation of a policy on a frozen set: overall figures and one row per difficulty level. Lengths are in
 * tokens without the end marker; pass@k is the share of problems with at least one right answer among k.
 * {@code samples} are its responses in set order, for tables; they are not recorded, so an evaluation read back
 * from a run directory has none.
 */
public record EvalReport(
    String stage, long step, String task, int k, Figures overall, List<LevelFigures> levels, List<Sample> samples) {

  public record LevelFigures(int level, Figures figures) {}

  /**
   * One response of an evaluation: whether it is right (the task's verifier, unfinished ones wrong) and how many
   * corrections ({@code !}) it makes, 0 for tasks whose steps cannot be checked.
   */
  public record Sample(String prompt, String response, String answer, boolean right, int corrections) {}

  public EvalReport {
    levels = List.copyOf(levels);
    samples = List.copyOf(samples);
  }

  /** An evaluation without its responses: one read back from eval.csv. */
  public EvalReport(String stage, long step, String task, int k, Figures overall, List<LevelFigures> levels) {
    this(stage, step, task, k, overall, levels, List.of());
  }

  /** The column names of eval.csv, in order: the overall figures of {@link Metric#evalOverall()}. */
  public static final List<String> COLUMNS = columns();

  private static List<String> columns() {
    List<String> out = new ArrayList<>(List.of("stage", "step", "task"));
    Metric.evalOverall().forEach(m -> out.add(m.id()));
    return List.copyOf(out);
  }
}
