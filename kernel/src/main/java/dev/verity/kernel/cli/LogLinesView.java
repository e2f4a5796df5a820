package dev.verity.kernel.cli;

import dev.verity.engine.doctor.Finding;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.train.StepMetrics;
import java.io.PrintWriter;

/** Progress as plain lines, for logs and pipes: a stage's first step, every {@value #EVERY}th and its last. */
final class LogLinesView implements ProgressView {
  static final int EVERY = 10;

  private final PrintWriter out;
  private String kind = "";
  private int steps;
  private boolean inStage;

  LogLinesView(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void stageStarted(String stage, String kind, String model, int steps) {
    this.kind = kind;
    this.steps = steps;
    this.inStage = true;
    out.println(kind + " " + stage + ": " + model + ", " + steps + (steps == 1 ? " step" : " steps"));
    out.flush();
  }

  @Override
  public void step(StepMetrics m) {
    long done = m.step() + 1;
    if (done == 1 || done % EVERY == 0 || done == steps) {
      out.println("  " + m.stage() + " step " + done + "/" + steps + "  " + StepText.figures(kind, m));
      out.flush();
    }
  }

  /** Periodic evaluations of a stage; an {@code eval} statement shows as its table instead. */
  @Override
  public void eval(EvalReport report) {
    if (inStage) {
      out.println("  " + StepText.eval(report));
      out.flush();
    }
  }

  /** Every finding of the doctor, as it happens: {@code doctor: tune step 10: <cause> — <fix>}. */
  @Override
  public void finding(Finding finding) {
    out.println(finding.line());
    out.flush();
  }

  @Override
  public void stageFinished(String stage, long stepsDone, boolean stopped) {
    inStage = false;
    if (stopped) {
      out.println("  " + stage + " stopped after step " + stepsDone + "/" + steps);
      out.flush();
    }
  }
}
