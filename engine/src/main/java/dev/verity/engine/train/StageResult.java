package dev.verity.engine.train;

import dev.verity.engine.eval.EvalReport;
import java.util.List;

/** What a stage did: its metrics rows, its evaluations, and whether it was stopped before its last step. */
public record StageResult(List<StepMetrics> metrics, List<EvalReport> evals, boolean stopped) {
  public long stepsRun() {
    return metrics.size();
  }
}
