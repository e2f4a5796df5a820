package dev.verity.kernel.cli;

import dev.verity.dsl.exec.ExecutionListener;
import dev.verity.engine.doctor.Finding;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.train.StepMetrics;

/** A headless run's listener: progress to its view, outputs to the writer, and Ctrl-C renewed at every step. */
final class HeadlessListener implements ExecutionListener {
  private final ProgressView progress;
  private final OutputWriter outputs;
  private final StopSwitch stop;

  HeadlessListener(ProgressView progress, OutputWriter outputs, StopSwitch stop) {
    this.progress = progress;
    this.outputs = outputs;
    this.stop = stop;
  }

  @Override
  public void stageStarted(String stage, String kind, String model, int steps) {
    progress.stageStarted(stage, kind, model, steps);
  }

  @Override
  public void step(StepMetrics metrics) {
    stop.renew();
    progress.step(metrics);
  }

  @Override
  public void eval(EvalReport report) {
    progress.eval(report);
  }

  @Override
  public void finding(Finding finding) {
    progress.finding(finding);
  }

  @Override
  public void stageFinished(String stage, long stepsDone, boolean stopped) {
    progress.stageFinished(stage, stepsDone, stopped);
  }

  @Override
  public void output(Object value) {
    outputs.write(value);
  }
}
