package dev.verity.engine.run;

import dev.verity.engine.eval.EvalReport;

/**
 * One row of eval.csv: an evaluation's overall figures. {@code step} is the number of training steps the stage
 * had done when it evaluated (the trainers evaluate after a step with the count of steps done).
 */
public record EvalRow(String stage, long step, String task, double accuracy, double passAtK, double responseLenMean) {

  /** The overall row of {@code report}. */
  public static EvalRow of(EvalReport report) {
    EvalReport.Figures o = report.overall();
    return new EvalRow(report.stage(), report.step(), report.task(), o.accuracy(), o.passAtK(), o.responseLenMean());
  }
}
