package dev.verity.engine.run;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StepMetrics;
import dev.verity.engine.rl.ScoredRollout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
      throw new UncheckedIOException("cannot record step " + row.step() + ": " + e.getMessage(), e);
    }
    next.onStep(row);
  }

  @Override
  public void onEval(EvalReport report) {
    try {
      run.appendEval(report);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the evaluation at step " + report.step() + ": "
          + e.getMessage(), e);
    }
    next.onEval(report);
  }

  @Override
  public void onRollouts(String stage, long step, List<ScoredRollout> rollouts) {
    try {
      run.appendRollouts(RolloutRecord.of(stage, step, rollouts));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the rollouts of step " + step + ": " + e.getMessage(), e);
    }
    next.onRollouts(stage, step, rollouts);
  }

  @Override
  public void onCheckpoint(Path file, long nextStep) {
    next.onCheckpoint(file, nextStep);
  }

  @Override
  public boolean stopRequested() {
    return next.stopRequested();
  }
}
