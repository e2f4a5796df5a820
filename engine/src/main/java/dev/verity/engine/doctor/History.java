package dev.verity.engine.doctor;

import dev.verity.engine.train.StepMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** What the doctor has seen of a stage so far: its step rows, truncated shares and periodic evaluations. */
final class History {
  /** A periodic evaluation: {@code step} steps done, its accuracy. */
  record EvalPoint(long step, double accuracy) {}

  private final List<StepMetrics> rows = new ArrayList<>();
  private final Map<Long, Double> truncated = new HashMap<>();
  private final List<EvalPoint> evals = new ArrayList<>();

  void rollouts(long step, double truncatedShare) {
    truncated.put(step, truncatedShare);
  }

  void step(StepMetrics row) {
    rows.add(row);
  }

  void eval(long step, double accuracy) {
    evals.add(new EvalPoint(step, accuracy));
  }

  int size() {
    return rows.size();
  }

  StepMetrics last() {
    return rows.get(rows.size() - 1);
  }

  StepMetrics row(int i) {
    return rows.get(i);
  }

  /** The share of the step's rollouts cut at max_tokens; NaN when the step reported none. */
  double truncatedShare(long step) {
    return truncated.getOrDefault(step, Double.NaN);
  }

  List<EvalPoint> evals() {
    return evals;
  }

  /** The mean of {@code metric} over rows {@code [from, to)}; NaN when the range is empty. */
  double mean(ToDoubleFunction<StepMetrics> metric, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += metric.applyAsDouble(rows.get(i));
    }
    return to > from ? sum / (to - from) : Double.NaN;
  }

  /** The median of the finite values of {@code metric} over rows {@code [0, to)}; NaN when there are none. */
  double median(ToDoubleFunction<StepMetrics> metric, int to) {
    double[] values = rows.subList(0, to).stream().mapToDouble(metric).filter(Double::isFinite).toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(values);
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }
}
