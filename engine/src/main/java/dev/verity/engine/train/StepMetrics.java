package dev.verity.engine.train;

import dev.verity.engine.metric.Metric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One row of metrics.csv: what a training step did, each value under its {@link Metric}. Metrics a stage does not
 * record (reward in SFT) are NaN and written empty. {@code tokens_per_s} and {@code elapsed_s} are wall-clock
 * measurements; every other value is a pure function of the seed. Built by name:
 * {@code StepMetrics.of("sft", 3).with(Metric.LOSS, 0.5)}.
 */
public record StepMetrics(String stage, long step, Map<Metric, Double> values) {

  /** The column names, in order, exactly as in metrics.csv. */
  public static final List<String> COLUMNS = columns();

  /** Columns measured with a clock, which replays do not compare. */
  public static final List<String> TIMING =
      Metric.of(Metric.Where.TIMING).stream().map(Metric::id).toList();

  public StepMetrics {
    EnumMap<Metric, Double> all = new EnumMap<>(Metric.class);
    for (Metric m : Metric.step()) {
      all.put(m, values.getOrDefault(m, Double.NaN));
    }
    values = Collections.unmodifiableMap(all);
  }

  /** A row of {@code stage}'s step with every metric NaN, to fill with {@link #with}. */
  public static StepMetrics of(String stage, long step) {
    return new StepMetrics(stage, step, Map.of());
  }

  /** This row with {@code metric} set to {@code value}. */
  public StepMetrics with(Metric metric, double value) {
    if (!metric.is(Metric.Where.RL_STEP)) {
      throw new IllegalArgumentException(metric.id() + " is not a step metric");
    }
    EnumMap<Metric, Double> changed = new EnumMap<>(values);
    changed.put(metric, value);
    return new StepMetrics(stage, step, changed);
  }

  public double get(Metric metric) {
    return values.getOrDefault(metric, Double.NaN);
  }

  /** The value of a numeric column by its name, {@code step} included. */
  public double value(String column) {
    if (column.equals("step")) {
      return step;
    }
    return get(Metric.find(column).filter(m -> m.is(Metric.Where.RL_STEP))
        .orElseThrow(() -> new IllegalArgumentException("no numeric metric " + column)));
  }

  public double rewardMean() {
    return get(Metric.REWARD_MEAN);
  }

  public double accuracy() {
    return get(Metric.ACCURACY);
  }

  public double responseLenMean() {
    return get(Metric.RESPONSE_LEN_MEAN);
  }

  public double responseLenP90() {
    return get(Metric.RESPONSE_LEN_P90);
  }

  public double kl() {
    return get(Metric.KL);
  }

  public double entropy() {
    return get(Metric.ENTROPY);
  }

  public double loss() {
    return get(Metric.LOSS);
  }

  public double lr() {
    return get(Metric.LR);
  }

  public double gradNorm() {
    return get(Metric.GRAD_NORM);
  }

  public double fracZeroStd() {
    return get(Metric.FRAC_ZERO_STD);
  }

  public double tokensPerS() {
    return get(Metric.TOKENS_PER_S);
  }

  public double elapsedS() {
    return get(Metric.ELAPSED_S);
  }

  private static List<String> columns() {
    List<String> out = new ArrayList<>(List.of("stage", "step"));
    Metric.step().forEach(m -> out.add(m.id()));
    return List.copyOf(out);
  }
}
