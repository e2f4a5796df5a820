package dev.verity.kernel.backend;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.report.Chart;
import dev.verity.engine.report.Series;
import dev.verity.engine.train.StepMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a notebook shows of a training stage as it runs: a progress line and a metrics chart, drawn from the steps
 * so far. RL charts reward and accuracy on the left axis and the mean response length on the right (the length
 * growing as accuracy rises is the effect to watch); SFT charts its loss.
 */
final class TrainingView {
  private final String stage;
  private final String kind;
  private final String model;
  private final int steps;
  private final List<StepMetrics> rows = new ArrayList<>();
  private Optional<EvalReport> lastEval = Optional.empty();

  TrainingView(String stage, String kind, String model, int steps) {
    this.stage = stage;
    this.kind = kind;
    this.model = model;
    this.steps = steps;
  }

  void add(StepMetrics row) {
    rows.add(row);
  }

  void add(EvalReport report) {
    lastEval = Optional.of(report);
  }

  boolean isRl() {
    return kind.equals("rl");
  }

  /** Steps done so far. */
  long done() {
    return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).step() + 1;
  }

  /** {@code rl tuned (policy): step 12/300 · reward 0.41 · accuracy 0.38 · length 23.4 · 830 tokens/s · ETA 3:12}. */
  String progress() {
    StringBuilder line = new StringBuilder(head()).append(": step ").append(done()).append('/').append(steps);
    if (rows.isEmpty()) {
      return line.append(" · starting").toString();
    }
    StepMetrics last = rows.get(rows.size() - 1);
    line.append(figures(last));
    line.append(String.format(Locale.ROOT, " · %,.0f tokens/s", last.tokensPerS()));
    double perStep = last.elapsedS() / done();
    line.append(" · ETA ").append(duration(perStep * (steps - done())));
    return line.toString();
  }

  /** The last line: how the stage ended, its time and last figures. */
  String finished(long stepsDone, boolean stopped) {
    StringBuilder line = new StringBuilder(head());
    line.append(stopped ? ": stopped after step " + stepsDone + " of " + steps
        : ": done, " + stepsDone + (stepsDone == 1 ? " step" : " steps"));
    if (!rows.isEmpty()) {
      StepMetrics last = rows.get(rows.size() - 1);
      line.append(" in ").append(duration(last.elapsedS())).append(figures(last));
    }
    return line.toString();
  }

  /** The stage's metrics by step; text only until the first step (a chart renderer draws no empty chart). */
  Chart chart() {
    String title = kind + " " + stage + " (" + model + ")";
    if (!isRl()) {
      return new Chart(title, "step", "loss", List.of(series("loss", false)));
    }
    return new Chart(title, "step", "reward, accuracy", "response length",
        List.of(series("reward_mean", false), series("accuracy", false), series("response_len_mean", true)));
  }

  private String head() {
    return kind + " " + stage + " (" + model + ")";
  }

  private String figures(StepMetrics m) {
    String figures = isRl()
        ? String.format(Locale.ROOT, " · reward %.3f · accuracy %.3f · length %.1f", m.rewardMean(), m.accuracy(),
            m.responseLenMean())
        : String.format(Locale.ROOT, " · loss %.4f", m.loss());
    return figures + lastEval.map(e -> String.format(Locale.ROOT, " · eval %s %.3f at step %d", e.task(),
        e.overall().accuracy(), e.step())).orElse("");
  }

  /** One metric against the step; NaN values (a metric a step lacks) are left out. */
  private Series series(String metric, boolean secondary) {
    double[] x = new double[rows.size()];
    double[] y = new double[rows.size()];
    int n = 0;
    for (StepMetrics row : rows) {
      double value = row.value(metric);
      if (!Double.isNaN(value)) {
        x[n] = row.step(); // as `plot … by step` draws it
        y[n++] = value;
      }
    }
    return new Series(metric, Arrays.copyOf(x, n), Arrays.copyOf(y, n), secondary);
  }

  /** {@code 0:42}, {@code 12:05} or {@code 1:02:03}. */
  static String duration(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      return "?";
    }
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
