package dev.verity.kernel.cli;

import dev.verity.engine.doctor.Finding;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.train.StepMetrics;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per training stage: steps done, elapsed time and ETA (drawn by the progressbar library), with
 * the last step's figures and the last periodic evaluation beside it.
 */
final class ProgressBarView implements ProgressView {
  private final Terminal terminal;
  private ProgressBar bar;
  private String kind = "";
  private String lastEval = "";

  ProgressBarView(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public void stageStarted(String stage, String kind, String model, int steps) {
    this.kind = kind;
    this.lastEval = "";
    terminal.out().flush(); // the bar writes to System.out directly: keep the order of lines
    bar = new ProgressBarBuilder()
        .setTaskName(kind + " " + stage)
        .setInitialMax(steps)
        .setStyle(ProgressBarStyle.UNICODE_BLOCK)
        .setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(System.out))
        .build();
  }

  @Override
  public void step(StepMetrics m) {
    if (bar != null) {
      bar.stepTo(m.step() + 1);
      bar.setExtraMessage(StepText.figures(kind, m) + lastEval);
    }
  }

  @Override
  public void eval(EvalReport report) {
    if (bar != null) {
      lastEval = String.format(Locale.ROOT, "  eval %.3f", report.overall().accuracy());
    }
  }

  /** A finding of the doctor, on its own line above the bar: the bar redraws itself below it. */
  @Override
  public void finding(Finding finding) {
    terminal.out().flush();
    System.out.print("\r\033[2K"); // the bar's line, cleared, so the finding does not end in its remains
    System.out.flush();
    terminal.out().println(finding.line());
    terminal.out().flush();
  }

  @Override
  public void stageFinished(String stage, long stepsDone, boolean stopped) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
