package dev.verity.engine.run;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.metric.Metric;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One row of eval.csv: an evaluation's overall figures ({@link Metric#evalOverall()}). {@code step} is the
 * number of training steps the stage had done when it evaluated (the trainers evaluate after a step with the
 * count of steps done).
 */
public record EvalRow(String stage, long step, String task, Map<Metric, Double> figures) {
  public EvalRow {
    EnumMap<Metric, Double> kept = new EnumMap<>(Metric.class);
    for (Metric m : Metric.evalOverall()) {
      kept.put(m, figures.getOrDefault(m, Double.NaN));
    }
    figures = Collections.unmodifiableMap(kept);
  }

  /** The overall row of {@code report}. */
  public static EvalRow of(EvalReport report) {
    return new EvalRow(report.stage(), report.step(), report.task(), report.overall().values());
  }

  public double get(Metric metric) {
    return figures.getOrDefault(metric, Double.NaN);
  }

  public double accuracy() {
    return get(Metric.ACCURACY);
  }

  public double passAtK() {
    return get(Metric.PASS_AT_K);
  }

  public double responseLenMean() {
    return get(Metric.RESPONSE_LEN_MEAN);
  }
}
