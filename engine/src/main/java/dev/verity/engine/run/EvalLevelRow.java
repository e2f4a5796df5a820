package dev.verity.engine.run;

import dev.verity.engine.eval.EvalReport;
import java.util.List;

/** One row of eval_levels.csv: an evaluation's figures on the problems of one difficulty level. */
public record EvalLevelRow(
    String stage,
    long step,
    String task,
    int level,
    int problems,
    double accuracy,
    double passAtK,
    double responseLenMean,
    double responseLenP90) {

  /** The column names of eval_levels.csv, in order. */
  public static final List<String> COLUMNS =
      List.of("stage", "step", "task", "level", "problems", "accuracy", "pass_at_k", "response_len_mean",
          "response_len_p90");

  /** The per-level rows of {@code report}, in its order. */
  public static List<EvalLevelRow> of(EvalReport report) {
    return report.levels().stream()
        .map(l -> new EvalLevelRow(report.stage(), report.step(), report.task(), l.level(), l.figures().problems(),
            l.figures().accuracy(), l.figures().passAtK(), l.figures().responseLenMean(),
            l.figures().responseLenP90()))
        .toList();
  }
}
