package dev.verity.dsl.exec;

import dev.verity.dsl.plan.Action;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.Figures;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.report.Chart;
import dev.verity.engine.report.Series;
import dev.verity.engine.train.StepMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * {@code plot m1, m2 by step|level|response_len_mean [for a, b]} as a {@link Chart}. Shares (accuracy, pass@k,
 * the share of zero-variance groups) go on the left axis; when other quantities such as lengths share the
 * chart, those go on a right axis of their own.
 */
final class Charts {
  private static final Set<String> SHARES =
      Set.of("accuracy", "pass_at_k", "frac_zero_std", "eval_accuracy", "eval_pass_at_k");
  private static final String PERIODIC = "eval_";
  /**
   * Stage metrics that a periodic evaluation also measures, shown as an extra "eval …" series when the chart
   * shows one stage (with several, ask for {@code eval_accuracy} and the like instead).
   */
  private static final Set<String> EVALUATED = Set.of("accuracy", "response_len_mean", "response_len_p90");

  private Charts() {}

  static Chart plot(Session session, Action.Plot s) {
    boolean mixed = s.metrics().stream().anyMatch(SHARES::contains)
        && s.metrics().stream().anyMatch(m -> !SHARES.contains(m));
    List<Series> series = new ArrayList<>();
    for (String source : s.sources()) {
      for (String metric : s.metrics()) {
        boolean secondary = mixed && !SHARES.contains(metric);
        String name = s.sources().size() > 1 ? source + " " + metric : metric;
        if (s.axis() == Action.Axis.LEVEL) {
          series.add(byLevel(session, source, metric, name, secondary));
        } else {
          series.addAll(byStep(session, source, metric, name, secondary, s.axis(), s.sources().size() == 1));
        }
      }
    }
    String x = s.axis().name().toLowerCase(java.util.Locale.ROOT);
    String left = mixed ? String.join(", ", s.metrics().stream().filter(SHARES::contains).toList())
        : String.join(", ", s.metrics());
    String right = mixed ? String.join(", ", s.metrics().stream().filter(m -> !SHARES.contains(m)).toList()) : "";
    String title = String.join(", ", s.metrics()) + " by " + x
        + (s.sources().size() == 1 ? " (" + s.sources().get(0) + ")" : "");
    return new Chart(title, x, left, right, series);
  }

  private static List<Series> byStep(
      Session session, String stage, String metric, String name, boolean secondary, Action.Axis axis, boolean alone) {
    StageRecord record = session.stage(stage)
        .orElseThrow(() -> new IllegalStateException("stage " + stage + " has not run in this session"));
    List<Series> out = new ArrayList<>();
    if (metric.startsWith(PERIODIC)) { // eval_accuracy: the stage's periodic evaluation, by step
      String figure = metric.substring(PERIODIC.length());
      out.add(series(name, record.evals(), EvalReport::step, e -> figure(e.overall(), figure), secondary));
      return out;
    }
    ToDoubleFunction<StepMetrics> x = axis == Action.Axis.STEP ? StepMetrics::step : StepMetrics::responseLenMean;
    out.add(series(name, record.metrics(), x, m -> m.value(metric), secondary));
    if (alone && axis == Action.Axis.STEP && EVALUATED.contains(metric) && !record.evals().isEmpty()) {
      out.add(series(name + " (eval " + record.evals().get(0).task() + ")", record.evals(), EvalReport::step,
          e -> figure(e.overall(), metric), secondary));
    }
    return out;
  }

  private static Series byLevel(Session session, String eval, String metric, String name, boolean secondary) {
    EvalReport report = session.eval(eval)
        .orElseThrow(() -> new IllegalStateException("evaluation " + eval + " has not run in this session"));
    return series(name, report.levels(), EvalReport.LevelFigures::level, l -> figure(l.figures(), metric), secondary);
  }

  /** A series of the points whose x and y are both numbers (NaN marks a metric a step does not have). */
  private static <T> Series series(
      String name, List<T> rows, ToDoubleFunction<T> x, ToDoubleFunction<T> y, boolean secondary) {
    double[] xs = new double[rows.size()];
    double[] ys = new double[rows.size()];
    int n = 0;
    for (T row : rows) {
      double xv = x.applyAsDouble(row);
      double yv = y.applyAsDouble(row);
      if (!Double.isNaN(xv) && !Double.isNaN(yv)) {
        xs[n] = xv;
        ys[n++] = yv;
      }
    }
    return new Series(name, java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n), secondary);
  }

  /** An evaluation's figure by its metric's name; NaN for a metric evaluations do not measure. */
  static double figure(Figures f, String metric) {
    return Metric.find(metric).map(f::get).orElse(Double.NaN);
  }
}
