package dev.verity.kernel.backend;

import dev.verity.dsl.exec.ExecutionListener;
import dev.verity.engine.doctor.Finding;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.report.Chart;
import dev.verity.engine.train.StepMetrics;
import dev.verity.kernel.cell.CellOutput;
import dev.verity.kernel.cell.DisplayHandle;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Shows a running cell in the notebook: each output as it is produced, and for a training stage one progress line,
 * redrawn in place at most every {@link #MIN_REFRESH_NANOS}, and one metrics chart, redrawn at most every {@link
 * #MIN_CHART_NANOS}; both once more when the stage ends, so the final chart stays in the notebook. Drawing a chart's
 * PNG takes tens of milliseconds on the training thread, and on two cores the training's own threads wait for it,
 * so the chart also waits {@link #CHART_COST_SHARE} times its last drawing time: at most a thirtieth of the
 * training's time goes to it. (With a third of a second and ten times, the headline's SFT ran 800 steps in 106-125 s
 * in a notebook, 96-108 s with no live chart and 96-107 s with these settings: docs/performance.md.)
 */
final class LiveOutput implements ExecutionListener {
  /** A third of a second: about three redraws of the progress line a second. */
  static final long MIN_REFRESH_NANOS = 333_000_000L;
  /** Two seconds between redraws of the chart. */
  static final long MIN_CHART_NANOS = 2_000_000_000L;
  /** A chart waits this many times as long as its last redraw took before it is drawn again. */
  static final int CHART_COST_SHARE = 30;

  private final CellOutput out;
  private final Consumer<Chart> keepChart;
  private final LongSupplier nanoTime;
  private TrainingView view;
  private DisplayHandle progress;
  private DisplayHandle chart;
  private long lastProgress;
  private long lastChart;
  private long chartCost;

  /**
   * @param keepChart receives every chart the cell shows, the final training charts included (to save them)
   * @param nanoTime the clock the redraws are throttled on
   */
  LiveOutput(CellOutput out, Consumer<Chart> keepChart, LongSupplier nanoTime) {
    this.out = out;
    this.keepChart = keepChart;
    this.nanoTime = nanoTime;
  }

  @Override
  public void stageStarted(String stage, String kind, String model, int steps) {
    view = new TrainingView(stage, kind, model, steps);
    progress = out.display(view.progress());
    chart = out.display(view.chart());
    lastProgress = nanoTime.getAsLong();
    lastChart = lastProgress;
    chartCost = 0;
  }

  @Override
  public void step(StepMetrics metrics) {
    if (view == null) {
      return;
    }
    view.add(metrics);
    long now = nanoTime.getAsLong();
    if (now - lastProgress >= MIN_REFRESH_NANOS) {
      lastProgress = now;
      progress.update(view.progress());
    }
    if (now - lastChart >= Math.max(MIN_CHART_NANOS, CHART_COST_SHARE * chartCost)) {
      chart.update(view.chart());
      lastChart = nanoTime.getAsLong();
      chartCost = lastChart - now;
    }
  }

  @Override
  public void eval(EvalReport report) {
    if (view != null) {
      view.add(report); // shown with the next redraw
    }
  }

  /** A finding of the doctor: a warning banner under the stage's live chart, one per finding. */
  @Override
  public void finding(Finding finding) {
    out.display(finding);
  }

  @Override
  public void stageFinished(String stage, long stepsDone, boolean stopped) {
    if (view == null) {
      return;
    }
    progress.update(view.finished(stepsDone, stopped));
    Chart last = view.chart();
    chart.update(last);
    keepChart.accept(last);
    view = null;
  }

  @Override
  public void output(Object value) {
    out.display(value);
    if (value instanceof Chart c) {
      keepChart.accept(c);
    }
  }
}
