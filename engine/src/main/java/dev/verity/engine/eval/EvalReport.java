package dev.verity.engine.eval;

import java.util.List;

/**
 * An evaluation of a policy on a frozen set: overall figures and one row per difficulty level. Lengths are in
 * tokens without the end marker; pass@k is the share of problems with at least one right answer among k.
 */
public record EvalReport(
    String stage, long step, String task, int k, Figures overall, List<LevelFigures> levels) {

  public record Figures(
      int problems, double accuracy, double passAtK, double responseLenMean, double responseLenP90) {}

  public record LevelFigures(int level, Figures figures) {}

  /** The column names of eval.csv, in order. */
  public static final List<String> COLUMNS =
      List.of("stage", "step", "task", "accuracy", "pass_at_k", "response_len_mean");
}
