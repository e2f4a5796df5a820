package dev.verity.engine.run;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Records a stage's steps and evaluations in a run directory before passing them on. */
final class RecordingListener implements StageListener {
  private final RunDirectory run;
  private final StageListener next;

  RecordingListener(RunDirectory run, StageListener next) {
    this.run = run;
    this.next = next;
  }

  @Override
  public void onStep(StepMetrics row) {
    try {
      run.appendMetrics(row);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record step " + row.step() + " in " + run.path(), e);
    }
    next.onStep(row);
  }

  @Override
  public void onEval(EvalReport report) {
    try {
      run.appendEval(report);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the evaluation at step " + report.step() + " in "
          + run.path(), e);
    }
    next.onEval(report);
  }

  @Override
  public boolean stopRequested() {
    return next.stopRequested();
  }
}
